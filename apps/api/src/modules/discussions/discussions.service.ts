import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { APP_CONFIG, AppError, badRequest, forbidden, isUuid, iso, notFound, orderBySql, parseIsoTime } from '@app/common';
import type { AppConfig } from '@app/common';
import { writeAudit } from '../audit';
import { InnovationFollows, NotificationsService } from '../notifications';
import { DiscussionsGateway } from './discussions.gateway';
import { postView, threadView } from './discussions.views';
import { NewPost, POST_SORT, PostCursor, PostRecord, PostsRepository } from './posts.repository';
import { THREAD_DEFAULT_ORDER, THREAD_SORT, ThreadFilter, ThreadRecord, ThreadsRepository } from './threads.repository';
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
    private readonly threads: ThreadsRepository,
    private readonly posts: PostsRepository,
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

  async loadThread(id: string, em: EntityManager = this.em): Promise<ThreadRecord> {
    const t = await this.threads.find(id, em);
    if (!t) throw notFound('Thread');
    return t;
  }

  async loadPost(id: string, em: EntityManager = this.em): Promise<PostRecord> {
    const p = await this.posts.find(id, em);
    if (!p) throw notFound('Post');
    return p;
  }

  /** The thread, after checking the caller may read it. */
  async readableThread(user: AuthUser, id: string, em: EntityManager = this.em): Promise<ThreadRecord> {
    const t = await this.loadThread(id, em);
    await this.access.assertCanRead(user, t, em);
    return t;
  }

  /** The post and its thread, after checking the caller may read the thread. */
  async readablePost(user: AuthUser, id: string, em: EntityManager = this.em): Promise<{ post: PostRecord; thread: ThreadRecord }> {
    const post = await this.loadPost(id, em);
    const thread = await this.readableThread(user, post.threadId, em);
    return { post, thread };
  }

  // ---- threads -------------------------------------------------------------------------

  async createThread(user: AuthUser, dto: { innovationId?: string; replicationId?: string; title: string; body: string }) {
    if (!!dto.innovationId === !!dto.replicationId) throw badRequest('Give exactly one of innovationId and replicationId');
    this.verifiedEmail.assertMayWrite(user);
    if (dto.innovationId) {
      if (!(await this.threads.innovationExists(dto.innovationId))) throw notFound('Innovation');
    } else {
      if (!(await this.threads.replicationExists(dto.replicationId!))) throw notFound('Replication');
      if (!(await this.access.canReadReplication(user, dto.replicationId!)))
        throw forbidden('You may not take part in this replication’s discussions');
    }
    await this.access.assertNotSuspended(user.id);
    const threadId = randomUUID();
    const postId = randomUUID();
    await this.em.transactional(async (tx) => {
      await this.posts.lockAuthor(user.id, tx);
      await this.assertPostRate(tx, user.id);
      const now = new Date();
      await this.threads.insert(
        {
          id: threadId,
          innovationId: dto.innovationId ?? null,
          replicationId: dto.replicationId ?? null,
          title: dto.title.trim(),
          authorId: user.id,
          at: now,
        },
        tx,
      );
      await this.posts.insert(
        {
          id: postId,
          threadId,
          parentId: null,
          quotePostId: null,
          authorId: user.id,
          body: dto.body,
          html: renderMarkdown(dto.body),
          createdAt: now,
        },
        tx,
      );
      // Authors follow their own threads (answered notifications).
      await this.threads.follow(threadId, user.id, tx);
    });
    const thread = await this.loadThread(threadId);
    const post = await this.loadPost(postId);
    this.afterWrite(async () => {
      const mentioned = await this.notifyMentions(thread, post, [], user);
      if (thread.innovationId)
        await this.follows.threadOpened({ id: thread.id, title: thread.title, innovationId: thread.innovationId }, user, mentioned);
    });
    const moderator = this.access.isModerator(user);
    const first = postView(post, moderator, user.id);
    return { ...threadView(thread), body: first.body, html: first.html, firstPost: first, following: true };
  }

  async listThreads(user: AuthUser, q: { innovationId?: string; replicationId?: string; limit?: number; offset?: number; sort?: string }) {
    if (q.innovationId && q.replicationId) throw badRequest('Give at most one of innovationId and replicationId');
    let filter: ThreadFilter;
    if (q.innovationId) {
      if (!(await this.threads.innovationExists(q.innovationId))) throw notFound('Innovation');
      filter = { innovationId: q.innovationId };
    } else if (q.replicationId) {
      if (!(await this.threads.replicationExists(q.replicationId))) throw notFound('Replication');
      if (!(await this.access.canReadReplication(user, q.replicationId)))
        throw forbidden('You may not read this replication’s discussions');
      filter = { replicationId: q.replicationId };
    } else {
      filter = { where: this.access.readableSql(user) };
    }
    // An explicit sort orders by its key alone; without one pinned threads lead.
    const orderBy = q.sort ? orderBySql(q.sort, '-lastPost', THREAD_SORT, 't.id') : THREAD_DEFAULT_ORDER;
    const { items, total } = await this.threads.page(filter, orderBy, q.limit ?? 20, q.offset ?? 0);
    return { items: items.map(threadView), total };
  }

  async getThread(user: AuthUser, id: string) {
    const thread = await this.readableThread(user, id);
    const first = thread.firstPostId ? postView(await this.loadPost(thread.firstPostId), this.access.isModerator(user), user.id) : null;
    const following = await this.threads.isFollowing(id, user.id);
    return { ...threadView(thread), body: first?.body ?? null, html: first?.html ?? null, firstPost: first, following };
  }

  async listPosts(user: AuthUser, threadId: string, q: { limit?: number; after?: string; sort?: string }) {
    await this.readableThread(user, threadId);
    const limit = q.limit ?? 50;
    let cursor: PostCursor | undefined;
    if (q.after) {
      cursor = decodeCursor(q.after) ?? undefined;
      if (!cursor) throw badRequest('after: not a valid cursor');
    }
    const orderBy = orderBySql(q.sort, 'created', POST_SORT, 'p.id');
    const rows = await this.posts.page(threadId, { cursor, desc: q.sort === '-created', orderBy, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const moderator = this.access.isModerator(user);
    const last = page[page.length - 1];
    return { items: page.map((p) => postView(p, moderator, user.id)), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }

  /** Following is writing (a suspended user may not); unfollowing only quiets notifications, so it stays. */
  async follow(user: AuthUser, threadId: string, on: boolean) {
    await this.readableThread(user, threadId);
    if (on) await this.access.assertNotSuspended(user.id);
    if (on) await this.threads.follow(threadId, user.id);
    else await this.threads.unfollow(threadId, user.id);
    return { threadId, following: on };
  }

  /** Marks (postId) or unmarks (null) the accepted answer: the thread's author or a moderator. */
  async setAnswer(user: AuthUser, threadId: string, postId: string | null) {
    const thread = await this.readableThread(user, threadId);
    const moderator = this.access.isModerator(user);
    if (thread.authorId !== user.id && !moderator) throw forbidden('Only the thread’s author or a moderator may mark the answer');
    await this.access.assertNotSuspended(user.id);
    if (postId) {
      const post = await this.loadPost(postId).catch(() => null);
      if (!post || post.threadId !== threadId) throw badRequest('postId: not a post of this thread');
      if (post.hidden || post.deletedAt) throw new AppError('CONFLICT', 'A hidden or deleted post cannot be the answer');
      if (post.id === thread.firstPostId) throw badRequest('postId: the opening post cannot answer its own thread');
    }
    await this.em.transactional(async (tx) => {
      await this.threads.setAcceptedPost(threadId, postId, tx);
      if (thread.authorId !== user.id) {
        await writeAudit(tx, {
          actorId: user.id,
          action: 'thread.answer',
          targetType: 'thread',
          targetId: threadId,
          before: { acceptedPostId: thread.acceptedPostId },
          after: { acceptedPostId: postId },
        });
      }
    });
    const updated = threadView(await this.loadThread(threadId));
    this.gateway.emitThread(updated);
    if (postId && postId !== thread.acceptedPostId) {
      this.afterWrite(async () => {
        const readers = await this.filterReaders(thread, await this.threads.followerIds(threadId, this.em.fork()));
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
    let parent: PostRecord | null = null;
    if (dto.parentId) {
      parent = await this.loadPost(dto.parentId).catch(() => null);
      if (!parent || parent.threadId !== threadId) throw badRequest('parentId: not a post of this thread');
      if (parent.hidden || parent.deletedAt) throw new AppError('CONFLICT', 'Cannot reply to a hidden or deleted post');
    }
    if (dto.quotePostId) {
      const quoted = await this.loadPost(dto.quotePostId).catch(() => null);
      if (!quoted || quoted.threadId !== threadId || quoted.hidden || quoted.deletedAt)
        throw badRequest('quotePostId: not a visible post of this thread');
    }
    const postId = randomUUID();
    const now = new Date();
    // One level of replies: a reply to a reply hangs off the same top-level post.
    const parentId = parent ? (parent.parentId ?? parent.id) : null;
    const html = renderMarkdown(dto.body);
    const slowSeconds = thread.slowModeSeconds > 0 && !moderator ? thread.slowModeSeconds : 0;
    const fresh: NewPost = {
      id: postId,
      threadId,
      parentId,
      quotePostId: dto.quotePostId ?? null,
      authorId: user.id,
      body: dto.body,
      html,
      createdAt: now,
    };
    await this.em.transactional(async (tx) => {
      await this.posts.lockAuthor(user.id, tx);
      // After the lock (a fresh snapshot): one statement checks slow mode and the rate limit,
      // inserts the post and bumps the thread.
      const r = await this.posts.insertWithinLimits(fresh, { slowSeconds, perMinute: this.limits.postsPerMinute }, tx);
      if (r.inserted) return;
      if (r.wait !== null) {
        const wait = Math.max(1, r.wait);
        throw new AppError('SLOW_MODE', `Slow mode: wait ${wait} s before posting again in this thread`, [{ retryAfterSeconds: wait }]);
      }
      throw new AppError('RATE_LIMITED', `At most ${this.limits.postsPerMinute} posts per minute`);
    });
    // Built in memory: a new post has no reactions, edits or moderation state yet.
    const post: PostRecord = {
      ...fresh,
      authorName: user.name,
      hidden: false,
      hiddenReason: null,
      deletedAt: null,
      editedAt: null,
      reactions: {},
    };
    this.gateway.emitPost('post:created', post);
    this.afterWrite(async () => {
      const replyTo =
        parent && parent.authorId !== user.id && (await this.filterReaders(thread, [parent.authorId])).length ? parent.authorId : null;
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
    if (post.authorId !== user.id) throw forbidden('Only the author may edit a post');
    if (post.deletedAt) throw new AppError('CONFLICT', 'This post was deleted');
    if (post.hidden) throw forbidden('A hidden post cannot be edited');
    await this.access.assertNotSuspended(user.id);
    if (thread.locked && !this.access.isModerator(user)) throw new AppError('THREAD_LOCKED', 'This thread is locked');
    if (dto.body !== post.body) {
      await this.em.transactional(async (tx) => {
        await this.posts.lockAuthor(user.id, tx);
        await this.assertPostRate(tx, user.id, true);
        await this.posts.edit(
          id,
          { editId: randomUUID(), editorId: user.id, previousBody: post.body, body: dto.body, html: renderMarkdown(dto.body) },
          tx,
        );
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
    if (post.authorId !== user.id) throw forbidden('Only the author may delete a post');
    // Deleting is editing: while suspended the words stay, for the moderators to see.
    await this.access.assertNotSuspended(user.id);
    if (post.deletedAt) return;
    await this.em.transactional((tx) => this.posts.softDelete(post, tx));
    this.gateway.emitPost('post:updated', await this.loadPost(id));
  }

  /** Earlier versions of a post's source: its author and moderators. */
  async history(user: AuthUser, id: string) {
    const { post } = await this.readablePost(user, id);
    if (post.authorId !== user.id && !this.access.isModerator(user))
      throw forbidden('Only the author or a moderator may read the edit history');
    const edits = await this.posts.edits(id);
    return { items: edits.map((e) => ({ id: e.id, editorId: e.editorId, body: e.previousBody, editedAt: iso(e.editedAt) })) };
  }

  async react(user: AuthUser, id: string, emoji: Reaction, on: boolean) {
    const { post } = await this.readablePost(user, id);
    if (post.hidden || post.deletedAt) throw new AppError('CONFLICT', 'Cannot react to a hidden or deleted post');
    await this.access.assertNotSuspended(user.id);
    await this.posts.react(id, user.id, emoji, on);
    const updated = await this.loadPost(id);
    this.gateway.emitPost('post:updated', updated);
    return postView(updated, this.access.isModerator(user), user.id);
  }

  // ---- helpers -------------------------------------------------------------------------

  private async assertPostRate(tx: EntityManager, userId: string, edit = false): Promise<void> {
    if ((await this.posts.recentCount(userId, edit, tx)) >= this.limits.postsPerMinute)
      throw new AppError('RATE_LIMITED', `At most ${this.limits.postsPerMinute} ${edit ? 'edits' : 'posts'} per minute`);
  }

  /** Which of these users may read the thread (notifications never leak unreadable threads): set-based. */
  filterReaders(thread: ThreadRecord, userIds: string[]): Promise<string[]> {
    return this.access.readersOf(thread, userIds, this.em.fork());
  }

  /** Notifies the readers the post mentions; returns who was notified. */
  private async notifyMentions(thread: ThreadRecord, post: PostRecord, alreadyNotified: string[], actor: AuthUser): Promise<string[]> {
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

function encodeCursor(p: PostRecord): string {
  return Buffer.from(`${p.createdAt.toISOString()}|${p.id}`).toString('base64url');
}

function decodeCursor(s: string): PostCursor | null {
  const [createdAt, id, extra] = Buffer.from(s, 'base64url').toString('utf8').split('|');
  if (extra !== undefined || !createdAt || !id) return null;
  // The shape encodeCursor writes, and a date that exists (a forged 30 February would reach PostgreSQL).
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(createdAt) || !parseIsoTime(createdAt)) return null;
  if (!isUuid(id)) return null;
  return { createdAt, id };
}
