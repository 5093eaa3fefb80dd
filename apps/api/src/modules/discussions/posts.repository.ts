import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';

/** A post as the services read it, with its author's name and reaction counts. */
export interface PostRecord {
  id: string;
  threadId: string;
  parentId: string | null;
  quotePostId: string | null;
  authorId: string;
  authorName: string;
  body: string;
  html: string;
  hidden: boolean;
  hiddenReason: string | null;
  deletedAt: Date | null;
  editedAt: Date | null;
  createdAt: Date;
  reactions: Record<string, number>;
}

/** An earlier version of a post's source. */
export interface PostEditRecord {
  id: string;
  editorId: string | null;
  previousBody: string;
  editedAt: Date;
}

/** What a new post stores (rendered HTML included). */
export interface NewPost {
  id: string;
  threadId: string;
  parentId: string | null;
  quotePostId: string | null;
  authorId: string;
  body: string;
  html: string;
  createdAt: Date;
}

/** A position in a thread's posts (the opaque cursor's content). */
export interface PostCursor {
  createdAt: string;
  id: string;
}

/** `sort=` keys of a thread's posts (trusted SQL for `orderBySql`); the cursor follows `created`. */
export const POST_SORT = { created: 'p.created_at' };

interface PostRow {
  id: string;
  thread_id: string;
  parent_id: string | null;
  quote_post_id: string | null;
  author_id: string;
  author_name: string;
  body: string;
  html: string;
  hidden: boolean;
  hidden_reason: string | null;
  deleted_at: Date | string | null;
  edited_at: Date | string | null;
  created_at: Date | string;
  reactions: Record<string, number> | null;
}

const SELECT = `select p.id, p.thread_id, p.parent_id, p.quote_post_id, p.author_id, u.name as author_name, p.body, p.html,
  p.hidden, p.hidden_reason, p.deleted_at, p.edited_at, p.created_at,
  (select jsonb_object_agg(emoji, n) from (select emoji, count(*)::int as n from post_reactions r where r.post_id = p.id group by emoji) x) as reactions
  from posts p join users u on u.id = p.author_id`;

function date(v: Date | string): Date;
function date(v: Date | string | null): Date | null;
function date(v: Date | string | null): Date | null {
  return v === null ? null : v instanceof Date ? v : new Date(v);
}

function toRecord(r: PostRow): PostRecord {
  return {
    id: r.id,
    threadId: r.thread_id,
    parentId: r.parent_id,
    quotePostId: r.quote_post_id,
    authorId: r.author_id,
    authorName: r.author_name,
    body: r.body,
    html: r.html,
    hidden: r.hidden,
    hiddenReason: r.hidden_reason,
    deletedAt: date(r.deleted_at),
    editedAt: date(r.edited_at),
    createdAt: date(r.created_at),
    reactions: r.reactions ?? {},
  };
}

const INSERT_VALUES = (p: NewPost) => [p.id, p.threadId, p.parentId, p.quotePostId, p.authorId, p.body, p.html, p.createdAt];

/**
 * Posts, their edits and reactions (tables `posts`, `post_edits`, `post_reactions`); a post's
 * insert and delete also keep its thread's count and last activity. Like `ThreadsRepository`,
 * every method runs on the EntityManager it is given (the caller's transaction) or its own.
 */
@Injectable()
export class PostsRepository {
  constructor(private readonly em: EntityManager) {}

  async find(id: string, em: EntityManager = this.em): Promise<PostRecord | null> {
    const [r] = await em.execute<PostRow[]>(`${SELECT} where p.id = ?`, [id]);
    return r ? toRecord(r) : null;
  }

  /**
   * Up to `limit` posts of a thread after `cursor` in the direction of `orderBy` (trusted SQL on
   * `p`, from `orderBySql` over POST_SORT): `desc` reads backwards from the cursor.
   */
  async page(
    threadId: string,
    q: { cursor?: PostCursor; desc: boolean; orderBy: string; limit: number },
    em: EntityManager = this.em,
  ): Promise<PostRecord[]> {
    const params: unknown[] = [threadId];
    let cursorSql = '';
    if (q.cursor) {
      cursorSql = ` and (p.created_at, p.id) ${q.desc ? '<' : '>'} (?::timestamptz, ?::uuid)`;
      params.push(q.cursor.createdAt, q.cursor.id);
    }
    const rows = await em.execute<PostRow[]>(`${SELECT} where p.thread_id = ?${cursorSql} order by ${q.orderBy} limit ?`, [
      ...params,
      q.limit,
    ]);
    return rows.map(toRecord);
  }

  /** Serialises one user's writes (in `tx`), so rate and slow-mode counts cannot be raced past. */
  async lockAuthor(userId: string, tx: EntityManager): Promise<void> {
    await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [`discussions:${userId}`]);
  }

  /** Posts (or, with `edits`, edits) the user wrote in the last minute. */
  async recentCount(userId: string, edits: boolean, em: EntityManager = this.em): Promise<number> {
    const [{ n }] = await em.execute<{ n: number }[]>(
      edits
        ? `select count(*)::int as n from post_edits where editor_id = ? and edited_at > now() - interval '1 minute'`
        : `select count(*)::int as n from posts where author_id = ? and created_at > now() - interval '1 minute'`,
      [userId],
    );
    return n;
  }

  /** Stores a post and counts it into its thread (which it makes the latest activity). */
  async insert(p: NewPost, em: EntityManager = this.em): Promise<void> {
    await em.execute(
      'insert into posts (id, thread_id, parent_id, quote_post_id, author_id, body, html, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
      INSERT_VALUES(p),
    );
    await em.execute('update threads set post_count = post_count + 1, last_post_at = ? where id = ?', [p.createdAt, p.threadId]);
  }

  /**
   * The hot path of every discussion, in one statement (after `lockAuthor`, on a fresh
   * snapshot): checks slow mode (`slowSeconds`, 0 = off) and the per-minute limit, inserts the
   * post and bumps the thread. `inserted` is 0 when refused; then `wait` (seconds, slow mode) or
   * `recent` (posts in the last minute) says why.
   */
  async insertWithinLimits(
    p: NewPost,
    limits: { slowSeconds: number; perMinute: number },
    tx: EntityManager,
  ): Promise<{ recent: number; wait: number | null; inserted: number }> {
    const [r] = await tx.execute<{ recent: number; wait: number | null; inserted: number }[]>(
      `with s as (
         select (select count(*)::int from posts where author_id = ?::uuid and created_at > now() - interval '1 minute') as recent,
                (select ceil(extract(epoch from (max(created_at) + make_interval(secs => ?::int) - now())))::int from posts
                  where ?::int > 0 and thread_id = ?::uuid and author_id = ?::uuid and created_at > now() - make_interval(secs => ?::int)) as wait
       ),
       ins as (
         insert into posts (id, thread_id, parent_id, quote_post_id, author_id, body, html, created_at)
         select ?::uuid, ?::uuid, ?::uuid, ?::uuid, ?::uuid, ?::text, ?::text, ?::timestamptz from s where s.wait is null and s.recent < ?::int
         returning thread_id
       ),
       upd as (update threads set post_count = post_count + 1, last_post_at = ?::timestamptz where id in (select thread_id from ins))
       select s.recent, s.wait, (select count(*)::int from ins) as inserted from s`,
      [
        p.authorId,
        limits.slowSeconds,
        limits.slowSeconds,
        p.threadId,
        p.authorId,
        limits.slowSeconds,
        ...INSERT_VALUES(p),
        limits.perMinute,
        p.createdAt,
      ],
    );
    return r;
  }

  /** New source (and HTML), keeping the previous source in the post's history. */
  async edit(
    id: string,
    change: { editId: string; editorId: string; previousBody: string; body: string; html: string },
    tx: EntityManager,
  ): Promise<void> {
    await tx.execute('insert into post_edits (id, post_id, editor_id, previous_body) values (?, ?, ?, ?)', [
      change.editId,
      id,
      change.editorId,
      change.previousBody,
    ]);
    await tx.execute('update posts set body = ?, html = ?, edited_at = now() where id = ?', [change.body, change.html, id]);
  }

  /**
   * The author's delete: source and history go (the author asked for the words to be removed),
   * the place stays for the replies; the thread counts one post less and loses it as its answer.
   */
  async softDelete(post: { id: string; threadId: string }, tx: EntityManager): Promise<void> {
    await tx.execute(`update posts set deleted_at = now(), body = '', html = '' where id = ?`, [post.id]);
    await tx.execute('delete from post_edits where post_id = ?', [post.id]);
    await tx.execute(
      'update threads set post_count = greatest(post_count - 1, 0), accepted_post_id = case when accepted_post_id = ? then null else accepted_post_id end where id = ?',
      [post.id, post.threadId],
    );
  }

  /** Earlier versions, oldest first. */
  async edits(postId: string, em: EntityManager = this.em): Promise<PostEditRecord[]> {
    const rows = await em.execute<{ id: string; editor_id: string | null; previous_body: string; edited_at: Date | string }[]>(
      'select id, editor_id, previous_body, edited_at from post_edits where post_id = ? order by edited_at, id',
      [postId],
    );
    return rows.map((r) => ({ id: r.id, editorId: r.editor_id, previousBody: r.previous_body, editedAt: date(r.edited_at) }));
  }

  async react(postId: string, userId: string, emoji: string, on: boolean, em: EntityManager = this.em): Promise<void> {
    if (on)
      await em.execute('insert into post_reactions (post_id, user_id, emoji) values (?, ?, ?) on conflict do nothing', [
        postId,
        userId,
        emoji,
      ]);
    else await em.execute('delete from post_reactions where post_id = ? and user_id = ? and emoji = ?', [postId, userId, emoji]);
  }

  /** Moderation: hides a post with the reason its author is told. */
  async hide(postId: string, by: { moderatorId: string; reason: string }, tx: EntityManager): Promise<void> {
    await tx.execute('update posts set hidden = true, hidden_reason = ?, hidden_at = now(), hidden_by_id = ? where id = ?', [
      by.reason,
      by.moderatorId,
      postId,
    ]);
  }

  async unhide(postId: string, tx: EntityManager): Promise<void> {
    await tx.execute('update posts set hidden = false, hidden_reason = null, hidden_at = null, hidden_by_id = null where id = ?', [postId]);
  }
}
