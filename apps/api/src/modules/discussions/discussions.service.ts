import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { APP_CONFIG, AppError, badRequest, forbidden, isUuid, iso, notFound, parseIsoTime } from '@app/common';
import type { AppConfig } from '@app/common';
import { writeAudit } from '../audit';
import { InnovationFollows, NotificationsService } from '../notifications';
import { DiscussionsGateway } from './discussions.gateway';
import { POST_SELECT, PostRow, postView, THREAD_SELECT, ThreadRow, threadView } from './discussions.views';
import { extractMentions, renderMarkdown } from './markdown';
import { ThreadAccess } from './thread-access.service';
import { VerifiedEmailPolicy } from '../people';

export const REACTIONS = ['+1', '-1', 'heart', 'laugh', 'hooray', 'confused', 'eyes', 'rocket'] as const;
export type Reaction = (typeof REACTIONS)[number];

/** Per-user write limits (per rolling minute, counted in the database so every node agrees). */
export interface DiscussionLimits {
  postsPerMinute: number;
  flagsPerMinute: number;
}

@Injectable()
export class DiscussionsService {
  private readonly log = new Logger('Discussions');
  /** Mutable so tests can tighten them; from DISCUSSION_POSTS_PER_MINUTE / DISCUSSION_FLAGS_PER_MINUTE (config). */
  readonly limits: DiscussionLimits;

  constructor(
    private readonly em: EntityManager,
    private readonly access: ThreadAccess,
    private readonly gateway: DiscussionsGateway,
    private readonly notifications: NotificationsService,
    private readonly verifiedEmail: VerifiedEmailPolicy,
    private readonly follows: InnovationFollows,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limits = { ...config.discussion };
  }

  // ---- loading -------------------------------------------------------------------------

  async loadThread(id: string, em: EntityManager = this.em): Promise<ThreadRow> {
    const [t] = await em.execute<ThreadRow[]>(`${THREAD_SELECT} where t.id = ?`, [id]);
    if (!t) throw notFound('Thread');
    return t;
  }

  async loadPost(id: string, em: EntityManager = this.em): Promise<PostRow> {
    const [p] = await em.execute<PostRow[]>(`${POST_SELECT} where p.id = ?`, [id]);
    if (!p) throw notFound('Post');
    return p;
  }

  /** The thread, after checking the caller may read it. */
  async readableThread(user: AuthUser, id: string, em: EntityManager = this.em): Promise<ThreadRow> {
    const t = await this.loadThread(id, em);
    await this.access.assertCanRead(user, t, em);
    return t;
  }

  /** The post and its thread, after checking the caller may read the thread. */
  async readablePost(user: AuthUser, id: string, em: EntityManager = this.em): Promise<{ post: PostRow; thread: ThreadRow }> {
    const post = await this.loadPost(id, em);
    const thread = await this.readableThread(user, post.thread_id, em);
    return { post, thread };
  }

  // ---- threads -------------------------------------------------------------------------

  async createThread(user: AuthUser, dto: { innovationId?: string; replicationId?: string; title: string; body: string }) {
    if (!!dto.innovationId === !!dto.replicationId) throw badRequest('Give exactly one of innovationId and replicationId');
    this.verifiedEmail.assertMayWrite(user);
    if (dto.innovationId) {
      const [i] = await this.em.execute('select id from innovations where id = ?', [dto.innovationId]);
      if (!i) throw notFound('Innovation');
    } else {
      const [r] = await this.em.execute('select id from replications where id = ?', [dto.replicationId]);
      if (!r) throw notFound('Replication');
      if (!(await this.access.canReadReplication(user, dto.replicationId!)))
        throw forbidden('You may not take part in this replication’s discussions');
    }
    await this.access.assertNotSuspended(user.id);
    const threadId = randomUUID();
    const postId = randomUUID();
    await this.em.transactional(async (tx) => {
      await this.lockWriter(tx, user.id);
      await this.assertPostRate(tx, user.id);
      const now = new Date();
      await tx.execute(
        'insert into threads (id, innovation_id, replication_id, title, author_id, post_count, last_post_at, created_at, updated_at) values (?, ?, ?, ?, ?, 1, ?, ?, ?)',
        [threadId, dto.innovationId ?? null, dto.replicationId ?? null, dto.title.trim(), user.id, now, now, now],
      );
      await tx.execute('insert into posts (id, thread_id, author_id, body, html, created_at) values (?, ?, ?, ?, ?, ?)', [
        postId,
        threadId,
        user.id,
        dto.body,
        renderMarkdown(dto.body),
        now,
      ]);
      // Authors follow their own threads (answered notifications).
      await tx.execute('insert into thread_follows (thread_id, user_id) values (?, ?)', [threadId, user.id]);
    });
    const thread = await this.loadThread(threadId);
    const post = await this.loadPost(postId);
    this.afterWrite(async () => {
      const mentioned = await this.notifyMentions(thread, post, [], user);
      if (thread.innovation_id)
        await this.follows.threadOpened({ id: thread.id, title: thread.title, innovationId: thread.innovation_id }, user, mentioned);
    });
    const moderator = this.access.isModerator(user);
    const first = postView(post, moderator, user.id);
    return { ...threadView(thread), body: first.body, html: first.html, firstPost: first, following: true };
  }

  async listThreads(user: AuthUser, q: { innovationId?: string; replicationId?: string; limit?: number; offset?: number }) {
    if (q.innovationId && q.replicationId) throw badRequest('Give at most one of innovationId and replicationId');
    const limit = q.limit ?? 20;
    const offset = q.offset ?? 0;
    let where: string;
    let params: unknown[];
    if (q.innovationId) {
      const [i] = await this.em.execute('select id from innovations where id = ?', [q.innovationId]);
      if (!i) throw notFound('Innovation');
      [where, params] = ['t.innovation_id = ?', [q.innovationId]];
    } else if (q.replicationId) {
      const [r] = await this.em.execute('select id from replications where id = ?', [q.replicationId]);
      if (!r) throw notFound('Replication');
      if (!(await this.access.canReadReplication(user, q.replicationId)))
        throw forbidden('You may not read this replication’s discussions');
      [where, params] = ['t.replication_id = ?', [q.replicationId]];
    } else {
      const readable = this.access.readableSql(user);
      [where, params] = [readable.sql, readable.params];
    }
    const [rows, [{ n }]] = await Promise.all([
      this.em.execute<ThreadRow[]>(`${THREAD_SELECT} where ${where} order by t.pinned desc, t.last_post_at desc, t.id limit ? offset ?`, [
        ...params,
        limit,
        offset,
      ]),
      this.em.execute<{ n: number }[]>(`select count(*)::int as n from threads t where ${where}`, params),
    ]);
    return { items: rows.map(threadView), total: n };
  }

  async getThread(user: AuthUser, id: string) {
    const thread = await this.readableThread(user, id);
    const first = thread.first_post_id ? postView(await this.loadPost(thread.first_post_id), this.access.isModerator(user), user.id) : null;
    const [f] = await this.em.execute('select 1 from thread_follows where thread_id = ? and user_id = ?', [id, user.id]);
    return { ...threadView(thread), body: first?.body ?? null, html: first?.html ?? null, firstPost: first, following: !!f };
  }

  async listPosts(user: AuthUser, threadId: string, q: { limit?: number; after?: string }) {
    await this.readableThread(user, threadId);
    const limit = q.limit ?? 50;
    const params: unknown[] = [threadId];
    let cursorSql = '';
    if (q.after) {
      const c = decodeCursor(q.after);
      if (!c) throw badRequest('after: not a valid cursor');
      cursorSql = ' and (p.created_at, p.id) > (?::timestamptz, ?::uuid)';
      params.push(c.createdAt, c.id);
    }
    const rows = await this.em.execute<PostRow[]>(`${POST_SELECT} where p.thread_id = ?${cursorSql} order by p.created_at, p.id limit ?`, [
      ...params,
      limit + 1,
    ]);
    const page = rows.slice(0, limit);
    const moderator = this.access.isModerator(user);
    const last = page[page.length - 1];
    return { items: page.map((p) => postView(p, moderator, user.id)), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }

  /** Following is writing (a suspended user may not); unfollowing only quiets notifications, so it stays. */
  async follow(user: AuthUser, threadId: string, on: boolean) {
    await this.readableThread(user, threadId);
    if (on) await this.access.assertNotSuspended(user.id);
    if (on)
      await this.em.execute('insert into thread_follows (thread_id, user_id) values (?, ?) on conflict do nothing', [threadId, user.id]);
    else await this.em.execute('delete from thread_follows where thread_id = ? and user_id = ?', [threadId, user.id]);
    return { threadId, following: on };
  }

  /** Marks (postId) or unmarks (null) the accepted answer: the thread's author or a moderator. */
  async setAnswer(user: AuthUser, threadId: string, postId: string | null) {
    const thread = await this.readableThread(user, threadId);
    const moderator = this.access.isModerator(user);
    if (thread.author_id !== user.id && !moderator) throw forbidden('Only the thread’s author or a moderator may mark the answer');
    await this.access.assertNotSuspended(user.id);
    if (postId) {
      const post = await this.loadPost(postId).catch(() => null);
      if (!post || post.thread_id !== threadId) throw badRequest('postId: not a post of this thread');
      if (post.hidden || post.deleted_at) throw new AppError('CONFLICT', 'A hidden or deleted post cannot be the answer');
      if (post.id === thread.first_post_id) throw badRequest('postId: the opening post cannot answer its own thread');
    }
    await this.em.transactional(async (tx) => {
      await tx.execute('update threads set accepted_post_id = ?, updated_at = now() where id = ?', [postId, threadId]);
      if (thread.author_id !== user.id) {
        await writeAudit(tx, {
          actorId: user.id,
          action: 'thread.answer',
          targetType: 'thread',
          targetId: threadId,
          before: { acceptedPostId: thread.accepted_post_id },
          after: { acceptedPostId: postId },
        });
      }
    });
    const updated = threadView(await this.loadThread(threadId));
    this.gateway.emitThread(updated);
    if (postId && postId !== thread.accepted_post_id) {
      this.afterWrite(async () => {
        const followers = await this.em
          .fork()
          .execute<{ user_id: string }[]>('select user_id from thread_follows where thread_id = ?', [threadId]);
        const readers = await this.filterReaders(
          thread,
          followers.map((f) => f.user_id),
        );
        await this.notifications.notify(
          readers,
          'thread_answered',
          { threadId, threadTitle: thread.title, postId, by: { id: user.id, name: user.name } },
          user.id,
        );
      });
    }
    return updated;
  }

  // ---- posts ---------------------------------------------------------------------------

  async createPost(user: AuthUser, threadId: string, dto: { body: string; parentId?: string; quotePostId?: string }) {
    // Two independent reads in parallel (hot path); the thread's verdict (404/403) wins over suspension.
    const [threadRead, suspension] = await Promise.allSettled([
      this.readableThread(user, threadId),
      this.access.assertNotSuspended(user.id),
    ]);
    if (threadRead.status === 'rejected') throw threadRead.reason;
    if (suspension.status === 'rejected') throw suspension.reason;
    this.verifiedEmail.assertMayWrite(user);
    const thread = threadRead.value;
    const moderator = this.access.isModerator(user);
    // Moderators may still post into locked and slowed threads (to explain why).
    if (thread.locked && !moderator) throw new AppError('THREAD_LOCKED', 'This thread is locked');
    let parent: PostRow | null = null;
    if (dto.parentId) {
      parent = await this.loadPost(dto.parentId).catch(() => null);
      if (!parent || parent.thread_id !== threadId) throw badRequest('parentId: not a post of this thread');
      if (parent.hidden || parent.deleted_at) throw new AppError('CONFLICT', 'Cannot reply to a hidden or deleted post');
    }
    if (dto.quotePostId) {
      const quoted = await this.loadPost(dto.quotePostId).catch(() => null);
      if (!quoted || quoted.thread_id !== threadId || quoted.hidden || quoted.deleted_at)
        throw badRequest('quotePostId: not a visible post of this thread');
    }
    const postId = randomUUID();
    const now = new Date();
    // One level of replies: a reply to a reply hangs off the same top-level post.
    const parentId = parent ? (parent.parent_id ?? parent.id) : null;
    const html = renderMarkdown(dto.body);
    const slowSeconds = thread.slow_mode_seconds > 0 && !moderator ? thread.slow_mode_seconds : 0;
    await this.em.transactional(async (tx) => {
      await this.lockWriter(tx, user.id);
      // After the lock (a fresh snapshot), one statement checks slow mode and the rate limit,
      // inserts the post and bumps the thread: the hot path of every discussion.
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
          user.id,
          slowSeconds,
          slowSeconds,
          threadId,
          user.id,
          slowSeconds,
          postId,
          threadId,
          parentId,
          dto.quotePostId ?? null,
          user.id,
          dto.body,
          html,
          now,
          this.limits.postsPerMinute,
          now,
        ],
      );
      if (r.inserted) return;
      if (r.wait !== null) {
        const wait = Math.max(1, r.wait);
        throw new AppError('SLOW_MODE', `Slow mode: wait ${wait} s before posting again in this thread`, [{ retryAfterSeconds: wait }]);
      }
      throw new AppError('RATE_LIMITED', `At most ${this.limits.postsPerMinute} posts per minute`);
    });
    // Built in memory: a new post has no reactions, edits or moderation state yet.
    const post: PostRow = {
      id: postId,
      thread_id: threadId,
      parent_id: parentId,
      quote_post_id: dto.quotePostId ?? null,
      author_id: user.id,
      author_name: user.name,
      body: dto.body,
      html,
      hidden: false,
      hidden_reason: null,
      deleted_at: null,
      edited_at: null,
      created_at: now,
      reactions: null,
    };
    this.gateway.emitPost('post:created', post);
    this.afterWrite(async () => {
      const replyTo =
        parent && parent.author_id !== user.id && (await this.filterReaders(thread, [parent.author_id])).length ? parent.author_id : null;
      if (replyTo)
        await this.notifications.notify(
          [replyTo],
          'reply',
          { threadId, threadTitle: thread.title, postId, parentId: parent!.id, by: { id: user.id, name: user.name } },
          user.id,
        );
      await this.notifyMentions(thread, post, replyTo ? [replyTo] : [], user);
    });
    return postView(post, moderator, user.id);
  }

  async getPost(user: AuthUser, id: string) {
    const { post } = await this.readablePost(user, id);
    return postView(post, this.access.isModerator(user), user.id);
  }

  async editPost(user: AuthUser, id: string, dto: { body: string }) {
    const { post, thread } = await this.readablePost(user, id);
    if (post.author_id !== user.id) throw forbidden('Only the author may edit a post');
    if (post.deleted_at) throw new AppError('CONFLICT', 'This post was deleted');
    if (post.hidden) throw forbidden('A hidden post cannot be edited');
    await this.access.assertNotSuspended(user.id);
    if (thread.locked && !this.access.isModerator(user)) throw new AppError('THREAD_LOCKED', 'This thread is locked');
    if (dto.body !== post.body) {
      await this.em.transactional(async (tx) => {
        await this.lockWriter(tx, user.id);
        await this.assertPostRate(tx, user.id, true);
        await tx.execute('insert into post_edits (id, post_id, editor_id, previous_body) values (?, ?, ?, ?)', [
          randomUUID(),
          id,
          user.id,
          post.body,
        ]);
        await tx.execute('update posts set body = ?, html = ?, edited_at = now() where id = ?', [dto.body, renderMarkdown(dto.body), id]);
      });
    }
    const updated = await this.loadPost(id);
    if (dto.body !== post.body) {
      this.gateway.emitPost('post:updated', updated);
      this.afterWrite(async () => void (await this.notifyMentions(thread, updated, extractMentions(post.body), user)));
    }
    return postView(updated, this.access.isModerator(user), user.id);
  }

  async deletePost(user: AuthUser, id: string): Promise<void> {
    const { post } = await this.readablePost(user, id);
    if (post.author_id !== user.id) throw forbidden('Only the author may delete a post');
    // Deleting is editing: while suspended the words stay, for the moderators to see.
    await this.access.assertNotSuspended(user.id);
    if (post.deleted_at) return;
    await this.em.transactional(async (tx) => {
      // Source and history go with it: the author asked for the words to be removed.
      await tx.execute(`update posts set deleted_at = now(), body = '', html = '' where id = ?`, [id]);
      await tx.execute('delete from post_edits where post_id = ?', [id]);
      await tx.execute(
        'update threads set post_count = greatest(post_count - 1, 0), accepted_post_id = case when accepted_post_id = ? then null else accepted_post_id end where id = ?',
        [id, post.thread_id],
      );
    });
    this.gateway.emitPost('post:updated', await this.loadPost(id));
  }

  /** Earlier versions of a post's source: its author and moderators. */
  async history(user: AuthUser, id: string) {
    const { post } = await this.readablePost(user, id);
    if (post.author_id !== user.id && !this.access.isModerator(user))
      throw forbidden('Only the author or a moderator may read the edit history');
    const rows = await this.em.execute<{ id: string; editor_id: string | null; previous_body: string; edited_at: Date }[]>(
      'select id, editor_id, previous_body, edited_at from post_edits where post_id = ? order by edited_at, id',
      [id],
    );
    return { items: rows.map((r) => ({ id: r.id, editorId: r.editor_id, body: r.previous_body, editedAt: iso(r.edited_at) })) };
  }

  async react(user: AuthUser, id: string, emoji: Reaction, on: boolean) {
    const { post } = await this.readablePost(user, id);
    if (post.hidden || post.deleted_at) throw new AppError('CONFLICT', 'Cannot react to a hidden or deleted post');
    await this.access.assertNotSuspended(user.id);
    if (on)
      await this.em.execute('insert into post_reactions (post_id, user_id, emoji) values (?, ?, ?) on conflict do nothing', [
        id,
        user.id,
        emoji,
      ]);
    else await this.em.execute('delete from post_reactions where post_id = ? and user_id = ? and emoji = ?', [id, user.id, emoji]);
    const updated = await this.loadPost(id);
    this.gateway.emitPost('post:updated', updated);
    return postView(updated, this.access.isModerator(user), user.id);
  }

  // ---- helpers -------------------------------------------------------------------------

  /** Serialises one user's writes, so rate and slow-mode counts cannot be raced past. */
  private async lockWriter(tx: EntityManager, userId: string): Promise<void> {
    await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [`discussions:${userId}`]);
  }

  private async assertPostRate(tx: EntityManager, userId: string, edit = false): Promise<void> {
    const [{ n }] = await tx.execute<{ n: number }[]>(
      edit
        ? `select count(*)::int as n from post_edits where editor_id = ? and edited_at > now() - interval '1 minute'`
        : `select count(*)::int as n from posts where author_id = ? and created_at > now() - interval '1 minute'`,
      [userId],
    );
    if (n >= this.limits.postsPerMinute)
      throw new AppError('RATE_LIMITED', `At most ${this.limits.postsPerMinute} ${edit ? 'edits' : 'posts'} per minute`);
  }

  /** Which of these users may read the thread (notifications never leak unreadable threads): set-based. */
  filterReaders(thread: ThreadRow, userIds: string[]): Promise<string[]> {
    return this.access.readersOf(thread, userIds, this.em.fork());
  }

  /** Notifies the readers the post mentions; returns who was notified. */
  private async notifyMentions(thread: ThreadRow, post: PostRow, alreadyNotified: string[], actor: AuthUser): Promise<string[]> {
    const mentioned = extractMentions(post.body).filter((id) => !alreadyNotified.includes(id) && id !== actor.id);
    const readers = await this.filterReaders(thread, mentioned);
    await this.notifications.notify(
      readers,
      'mention',
      { threadId: thread.id, threadTitle: thread.title, postId: post.id, by: { id: actor.id, name: actor.name } },
      actor.id,
    );
    return readers;
  }

  /** Side effects after the write committed; their failure never fails the request. */
  private afterWrite(fn: () => Promise<void>): void {
    fn().catch((e: Error) => this.log.warn(`after-write task failed: ${e.message}`));
  }
}

function encodeCursor(p: PostRow): string {
  return Buffer.from(`${new Date(p.created_at).toISOString()}|${p.id}`).toString('base64url');
}

function decodeCursor(s: string): { createdAt: string; id: string } | null {
  const [createdAt, id, extra] = Buffer.from(s, 'base64url').toString('utf8').split('|');
  if (extra !== undefined || !createdAt || !id) return null;
  // The shape encodeCursor writes, and a date that exists (a forged 30 February would reach PostgreSQL).
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(createdAt) || !parseIsoTime(createdAt)) return null;
  if (!isUuid(id)) return null;
  return { createdAt, id };
}
