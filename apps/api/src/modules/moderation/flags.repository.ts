import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';

/** A flag on a post, with the flagger's name. */
export interface FlagRecord {
  userId: string;
  userName: string;
  reason: string;
  note: string | null;
  weight: number;
  createdAt: Date;
}

/** What a new flag stores. */
export interface NewFlag {
  id: string;
  postId: string;
  userId: string;
  reason: string;
  note: string | null;
  weight: number;
}

/** Flags on posts (`post_flags`, one per post and user) and each flagger's record. */
@Injectable()
export class FlagsRepository {
  constructor(private readonly em: EntityManager) {}

  /** Serialises one user's flags (in `tx`), so the duplicate and rate checks cannot be raced past. */
  async lockFlagger(userId: string, tx: EntityManager): Promise<void> {
    await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [`flags:${userId}`]);
  }

  async exists(postId: string, userId: string, em: EntityManager = this.em): Promise<boolean> {
    return (await em.execute('select 1 from post_flags where post_id = ? and user_id = ?', [postId, userId])).length > 0;
  }

  async recentCount(userId: string, em: EntityManager = this.em): Promise<number> {
    const [{ n }] = await em.execute<{ n: number }[]>(
      `select count(*)::int as n from post_flags where user_id = ? and created_at > now() - interval '1 minute'`,
      [userId],
    );
    return n;
  }

  /** How the user's earlier flags were settled. */
  async outcomes(userId: string, em: EntityManager = this.em): Promise<{ upheld: number; dismissed: number }> {
    const [h] = await em.execute<{ upheld: number; dismissed: number }[]>(
      `select count(*) filter (where outcome = 'upheld')::int as upheld, count(*) filter (where outcome = 'dismissed')::int as dismissed from post_flags where user_id = ?`,
      [userId],
    );
    return h;
  }

  async insert(f: NewFlag, em: EntityManager = this.em): Promise<void> {
    await em.execute('insert into post_flags (id, post_id, user_id, reason, note, weight) values (?, ?, ?, ?, ?, ?)', [
      f.id,
      f.postId,
      f.userId,
      f.reason,
      f.note,
      f.weight,
    ]);
  }

  /** Settles the post's unsettled flags (they then weigh in their flaggers' later flags). */
  async settle(postId: string, outcome: 'upheld' | 'dismissed', tx: EntityManager): Promise<void> {
    await tx.execute('update post_flags set outcome = ? where post_id = ? and outcome is null', [outcome, postId]);
  }

  /** A post's flags, oldest first. */
  async ofPost(postId: string, em: EntityManager = this.em): Promise<FlagRecord[]> {
    const rows = await em.execute<
      { user_id: string; user_name: string; reason: string; note: string | null; weight: number | string; created_at: Date | string }[]
    >(
      `select f.user_id, u.name as user_name, f.reason, f.note, f.weight, f.created_at
         from post_flags f join users u on u.id = f.user_id where f.post_id = ? order by f.created_at`,
      [postId],
    );
    return rows.map((r) => ({
      userId: r.user_id,
      userName: r.user_name,
      reason: r.reason,
      note: r.note,
      weight: Number(r.weight),
      createdAt: r.created_at instanceof Date ? r.created_at : new Date(r.created_at),
    }));
  }
}
