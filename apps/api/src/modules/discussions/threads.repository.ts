import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';

/** The columns of a thread that decide who may read it. */
export interface ThreadScope {
  id: string;
  innovationId: string | null;
  replicationId: string | null;
}

/** A thread as the services read it (author's name and first post's id included). */
export interface ThreadRecord extends ThreadScope {
  title: string;
  authorId: string;
  authorName: string;
  locked: boolean;
  pinned: boolean;
  slowModeSeconds: number;
  acceptedPostId: string | null;
  postCount: number;
  lastPostAt: Date;
  createdAt: Date;
  updatedAt: Date;
  firstPostId: string | null;
}

/** Which threads a list shows: one innovation's, one replication's, or those a SQL condition on `t` allows. */
export type ThreadFilter = { innovationId: string } | { replicationId: string } | { where: { sql: string; params: unknown[] } };

/** The thread settings moderators change, by column. */
export type ThreadSetting = 'locked' | 'pinned' | 'slowModeSeconds';
const SETTING_COLUMN: Record<ThreadSetting, string> = { locked: 'locked', pinned: 'pinned', slowModeSeconds: 'slow_mode_seconds' };

/** `sort=` keys of the thread list and their columns (trusted SQL for `orderBySql`). */
export const THREAD_SORT = { lastPost: 't.last_post_at', created: 't.created_at', title: 'lower(t.title)', posts: 't.post_count' };
/** The list's order without `sort=`: pinned first, then latest activity. */
export const THREAD_DEFAULT_ORDER = 't.pinned desc, t.last_post_at desc, t.id';

interface ThreadRow {
  id: string;
  innovation_id: string | null;
  replication_id: string | null;
  title: string;
  author_id: string;
  author_name: string;
  locked: boolean;
  pinned: boolean;
  slow_mode_seconds: number;
  accepted_post_id: string | null;
  post_count: number;
  last_post_at: Date | string;
  created_at: Date | string;
  updated_at: Date | string;
  first_post_id: string | null;
}

const SELECT = `select t.id, t.innovation_id, t.replication_id, t.title, t.author_id, u.name as author_name,
  t.locked, t.pinned, t.slow_mode_seconds, t.accepted_post_id, t.post_count, t.last_post_at, t.created_at, t.updated_at,
  (select p.id from posts p where p.thread_id = t.id order by p.created_at, p.id limit 1) as first_post_id
  from threads t join users u on u.id = t.author_id`;

const date = (v: Date | string) => (v instanceof Date ? v : new Date(v));

function toRecord(r: ThreadRow): ThreadRecord {
  return {
    id: r.id,
    innovationId: r.innovation_id,
    replicationId: r.replication_id,
    title: r.title,
    authorId: r.author_id,
    authorName: r.author_name,
    locked: r.locked,
    pinned: r.pinned,
    slowModeSeconds: r.slow_mode_seconds,
    acceptedPostId: r.accepted_post_id,
    postCount: r.post_count,
    lastPostAt: date(r.last_post_at),
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
    firstPostId: r.first_post_id,
  };
}

function filterSql(f: ThreadFilter): { sql: string; params: unknown[] } {
  if ('innovationId' in f) return { sql: 't.innovation_id = ?', params: [f.innovationId] };
  if ('replicationId' in f) return { sql: 't.replication_id = ?', params: [f.replicationId] };
  return f.where;
}

/**
 * Threads and their followers (tables `threads`, `thread_follows`). Every method takes the
 * EntityManager to run on, so writes join the caller's transaction; the default is the
 * request's (or, built with `new`, the one given, as the demo seeder does).
 */
@Injectable()
export class ThreadsRepository {
  constructor(private readonly em: EntityManager) {}

  async find(id: string, em: EntityManager = this.em): Promise<ThreadRecord | null> {
    const [r] = await em.execute<ThreadRow[]>(`${SELECT} where t.id = ?`, [id]);
    return r ? toRecord(r) : null;
  }

  /** Who-may-read columns of these threads (missing ones are left out). */
  async scopes(ids: string[], em: EntityManager = this.em): Promise<ThreadScope[]> {
    if (!ids.length) return [];
    const rows = await em.execute<{ id: string; innovation_id: string | null; replication_id: string | null }[]>(
      'select id, innovation_id, replication_id from threads where id = any(?::uuid[])',
      [`{${ids.join(',')}}`],
    );
    return rows.map((r) => ({ id: r.id, innovationId: r.innovation_id, replicationId: r.replication_id }));
  }

  /** One page of a list and the list's size; `orderBy` is trusted SQL on `t`. */
  async page(
    filter: ThreadFilter,
    orderBy: string,
    limit: number,
    offset: number,
    em: EntityManager = this.em,
  ): Promise<{ items: ThreadRecord[]; total: number }> {
    const { sql, params } = filterSql(filter);
    const [rows, [{ n }]] = await Promise.all([
      em.execute<ThreadRow[]>(`${SELECT} where ${sql} order by ${orderBy} limit ? offset ?`, [...params, limit, offset]),
      em.execute<{ n: number }[]>(`select count(*)::int as n from threads t where ${sql}`, params),
    ]);
    return { items: rows.map(toRecord), total: n };
  }

  async innovationExists(id: string, em: EntityManager = this.em): Promise<boolean> {
    return (await em.execute('select 1 from innovations where id = ?', [id])).length > 0;
  }

  async replicationExists(id: string, em: EntityManager = this.em): Promise<boolean> {
    return (await em.execute('select 1 from replications where id = ?', [id])).length > 0;
  }

  /** A new thread without posts (`PostsRepository.insert` counts the opening post in). */
  async insert(
    t: { id: string; innovationId: string | null; replicationId: string | null; title: string; authorId: string; at: Date },
    em: EntityManager = this.em,
  ): Promise<void> {
    await em.execute(
      'insert into threads (id, innovation_id, replication_id, title, author_id, post_count, last_post_at, created_at, updated_at) values (?, ?, ?, ?, ?, 0, ?, ?, ?)',
      [t.id, t.innovationId, t.replicationId, t.title, t.authorId, t.at, t.at, t.at],
    );
  }

  async setAcceptedPost(threadId: string, postId: string | null, em: EntityManager = this.em): Promise<void> {
    await em.execute('update threads set accepted_post_id = ?, updated_at = now() where id = ?', [postId, threadId]);
  }

  /** Lock, pin or slow mode (moderators). */
  async setSetting(threadId: string, setting: ThreadSetting, value: boolean | number, em: EntityManager = this.em): Promise<void> {
    await em.execute(`update threads set ${SETTING_COLUMN[setting]} = ?, updated_at = now() where id = ?`, [value, threadId]);
  }

  async follow(threadId: string, userId: string, em: EntityManager = this.em): Promise<void> {
    await em.execute('insert into thread_follows (thread_id, user_id) values (?, ?) on conflict do nothing', [threadId, userId]);
  }

  async unfollow(threadId: string, userId: string, em: EntityManager = this.em): Promise<void> {
    await em.execute('delete from thread_follows where thread_id = ? and user_id = ?', [threadId, userId]);
  }

  async isFollowing(threadId: string, userId: string, em: EntityManager = this.em): Promise<boolean> {
    return (await em.execute('select 1 from thread_follows where thread_id = ? and user_id = ?', [threadId, userId])).length > 0;
  }

  async followerIds(threadId: string, em: EntityManager = this.em): Promise<string[]> {
    const rows = await em.execute<{ user_id: string }[]>('select user_id from thread_follows where thread_id = ?', [threadId]);
    return rows.map((r) => r.user_id);
  }
}
