import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';

export type QueueStatus = 'open' | 'claimed' | 'resolved';

/** One post's entry in the moderation queue. */
export interface QueueItemRecord {
  id: string;
  postId: string;
  status: QueueStatus;
  weight: number;
  flagCount: number;
  claimedById: string | null;
  claimedAt: Date | null;
  resolvedById: string | null;
  resolvedAt: Date | null;
  resolution: string | null;
  resolutionReason: string | null;
  createdAt: Date;
}

/** The names a moderator reads next to an item's ids. */
export interface QueueItemNames {
  threadTitle: string;
  claimedByName: string | null;
  resolvedByName: string | null;
}

/** `sort=` keys of the queue (trusted SQL for `orderBySql`). */
export const QUEUE_SORT = { weight: 'i.weight', created: 'i.created_at', flags: 'i.flag_count' };
/** The queue's order without `sort=`: heaviest first, then oldest. */
export const QUEUE_DEFAULT_ORDER = 'i.weight desc, i.created_at, i.id';

interface ItemRow {
  id: string;
  post_id: string;
  status: QueueStatus;
  weight: number | string;
  flag_count: number;
  claimed_by_id: string | null;
  claimed_at: Date | string | null;
  resolved_by_id: string | null;
  resolved_at: Date | string | null;
  resolution: string | null;
  resolution_reason: string | null;
  created_at: Date | string;
}

const SELECT = `select i.id, i.post_id, i.status, i.weight, i.flag_count, i.claimed_by_id, i.claimed_at, i.resolved_by_id, i.resolved_at,
  i.resolution, i.resolution_reason, i.created_at from moderation_items i`;

function date(v: Date | string): Date;
function date(v: Date | string | null): Date | null;
function date(v: Date | string | null): Date | null {
  return v === null ? null : v instanceof Date ? v : new Date(v);
}

function toRecord(r: ItemRow): QueueItemRecord {
  return {
    id: r.id,
    postId: r.post_id,
    status: r.status,
    weight: Number(r.weight), // numeric arrives as text
    flagCount: r.flag_count,
    claimedById: r.claimed_by_id,
    claimedAt: date(r.claimed_at),
    resolvedById: r.resolved_by_id,
    resolvedAt: date(r.resolved_at),
    resolution: r.resolution,
    resolutionReason: r.resolution_reason,
    createdAt: date(r.created_at),
  };
}

/**
 * The moderation queue (`moderation_items`: at most one unresolved item per post). Claims,
 * resolutions and releases are single conditional UPDATEs that report whether they won, so two
 * moderators never act on one item. Methods run on the EntityManager given (a transaction) or their own.
 */
@Injectable()
export class ModerationQueueRepository {
  constructor(private readonly em: EntityManager) {}

  async find(id: string, em: EntityManager = this.em): Promise<QueueItemRecord | null> {
    const [r] = await em.execute<ItemRow[]>(`${SELECT} where i.id = ?`, [id]);
    return r ? toRecord(r) : null;
  }

  /** Items by status (`unresolved`: open or claimed), `orderBy` trusted SQL on `i`. */
  async list(status: QueueStatus | 'unresolved', orderBy: string, limit: number, em: EntityManager = this.em): Promise<QueueItemRecord[]> {
    const where = status === 'unresolved' ? `i.status <> 'resolved'` : 'i.status = ?';
    const rows = await em.execute<ItemRow[]>(
      `${SELECT} where ${where} order by ${orderBy} limit ?`,
      status === 'unresolved' ? [limit] : [status, limit],
    );
    return rows.map(toRecord);
  }

  /** Adds a flag's weight to the post's unresolved item, opening one if there is none. */
  async addFlag(postId: string, weight: number, em: EntityManager = this.em): Promise<void> {
    await em.execute(
      `insert into moderation_items (id, post_id, weight, flag_count) values (?, ?, ?, 1)
       on conflict (post_id) where status <> 'resolved'
       do update set weight = moderation_items.weight + excluded.weight, flag_count = moderation_items.flag_count + 1, updated_at = now()`,
      [randomUUID(), postId, weight],
    );
  }

  /** Claims an open item, or a claimed one that is the moderator's own or older than `ttlMinutes`. */
  async claim(id: string, moderatorId: string, ttlMinutes: number, tx: EntityManager): Promise<boolean> {
    const won = await tx.execute<{ id: string }[]>(
      `update moderation_items set status = 'claimed', claimed_by_id = ?, claimed_at = now(), updated_at = now()
        where id = ? and (status = 'open' or (status = 'claimed' and (claimed_by_id = ? or claimed_at < now() - make_interval(mins => ?)))) returning id`,
      [moderatorId, id, moderatorId, ttlMinutes],
    );
    return won.length > 0;
  }

  /** Resolves an item the moderator holds the claim on. */
  async resolve(
    id: string,
    by: { moderatorId: string; resolution: 'hidden' | 'dismissed'; reason: string | null },
    tx: EntityManager,
  ): Promise<boolean> {
    const done = await tx.execute<{ id: string }[]>(
      `update moderation_items set status = 'resolved', resolved_by_id = ?, resolved_at = now(), resolution = ?, resolution_reason = ?, updated_at = now()
        where id = ? and status = 'claimed' and claimed_by_id = ? returning id`,
      [by.moderatorId, by.resolution, by.reason, id, by.moderatorId],
    );
    return done.length > 0;
  }

  /** Gives an item back (open, unclaimed) if `holderId` still holds its claim. */
  async release(id: string, holderId: string, tx: EntityManager): Promise<boolean> {
    const done = await tx.execute<{ id: string }[]>(
      `update moderation_items set status = 'open', claimed_by_id = null, claimed_at = null, updated_at = now()
        where id = ? and status = 'claimed' and claimed_by_id = ? returning id`,
      [id, holderId],
    );
    return done.length > 0;
  }

  /** The post was hidden directly: whatever the queue held about it is settled as hidden. */
  async settleHidden(postId: string, by: { moderatorId: string; reason: string }, tx: EntityManager): Promise<void> {
    await tx.execute(
      `update moderation_items set status = 'resolved', resolved_by_id = ?, resolved_at = now(), resolution = 'hidden', resolution_reason = ?, updated_at = now() where post_id = ? and status <> 'resolved'`,
      [by.moderatorId, by.reason, postId],
    );
  }

  async names(
    item: Pick<QueueItemRecord, 'claimedById' | 'resolvedById'>,
    threadId: string,
    em: EntityManager = this.em,
  ): Promise<QueueItemNames> {
    const [r] = await em.execute<{ title: string; claimed_by_name: string | null; resolved_by_name: string | null }[]>(
      `select t.title, (select name from users where id = ?) as claimed_by_name, (select name from users where id = ?) as resolved_by_name
         from threads t where t.id = ?`,
      [item.claimedById, item.resolvedById, threadId],
    );
    return { threadTitle: r?.title ?? '', claimedByName: r?.claimed_by_name ?? null, resolvedByName: r?.resolved_by_name ?? null };
  }
}
