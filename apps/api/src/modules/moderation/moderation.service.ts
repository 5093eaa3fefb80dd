import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { AppError, badRequest, forbidden, iso, notFound, orderBySql } from '@app/common';
import { AuditLog, writeAudit } from '../audit';
import type { AuditAction, AuditFilter } from '../audit';
import {
  DiscussionsGateway,
  DiscussionsService,
  PostsRepository,
  postView,
  ThreadAccess,
  ThreadsRepository,
  threadView,
} from '../discussions';
import type { PostRecord, ThreadSetting } from '../discussions';
import { NotificationsService } from '../notifications';
import { AccessEvents } from '../organisations';
import { FlagReason } from './moderation.dto';
import type { QueueItemResponse, SuspensionResponse } from './moderation.responses';
import { FlagsRepository } from './flags.repository';
import { QUEUE_DEFAULT_ORDER, QUEUE_SORT, QueueItemRecord, ModerationQueueRepository } from './moderation-queue.repository';
import { SUSPENSION_SORT, SuspensionRecord, SuspensionsRepository } from './suspensions.repository';

/** A claim lapses after this long, so an abandoned item returns to the queue. */
const CLAIM_TTL_MINUTES = 15;

type ThreadFlag = 'lock' | 'unlock' | 'pin' | 'unpin';
const AUDIT_KEY: Record<ThreadSetting, string> = { locked: 'locked', pinned: 'pinned', slowModeSeconds: 'slow_mode_seconds' };

/**
 * A suspension as the API sends it. Who suspended or lifted is for moderators only: the
 * suspended user sees what and why, not which moderator (as in their notifications).
 */
function suspensionView(r: SuspensionRecord, moderator: boolean): SuspensionResponse {
  return {
    id: r.id,
    userId: r.userId,
    until: iso(r.until),
    reason: r.reason,
    active: r.active,
    createdAt: iso(r.createdAt),
    liftedAt: iso(r.liftedAt),
    liftReason: r.liftReason,
    ...(moderator ? { createdBy: r.createdById, liftedBy: r.liftedById } : {}),
  };
}

@Injectable()
export class ModerationService {
  private readonly log = new Logger('Moderation');

  constructor(
    private readonly em: EntityManager,
    private readonly discussions: DiscussionsService,
    private readonly gateway: DiscussionsGateway,
    private readonly access: ThreadAccess,
    private readonly notifications: NotificationsService,
    private readonly accessEvents: AccessEvents,
    private readonly auditLog: AuditLog,
    private readonly threads: ThreadsRepository,
    private readonly posts: PostsRepository,
    private readonly items: ModerationQueueRepository,
    private readonly flags: FlagsRepository,
    private readonly suspensionRecords: SuspensionsRepository,
  ) {}

  // ---- flags and the queue -------------------------------------------------------------

  /**
   * Anyone who can read a post may flag it once. Each flag weighs by the flagger's history
   * (upheld flags count more, dismissed ones less), and adds to the post's open queue item.
   */
  async flag(user: AuthUser, postId: string, dto: { reason: FlagReason; note?: string }) {
    const { post } = await this.discussions.readablePost(user, postId);
    await this.access.assertNotSuspended(user.id);
    if (post.authorId === user.id) throw forbidden('You cannot flag your own post');
    if (post.deletedAt) throw new AppError('CONFLICT', 'This post was deleted');
    const id = randomUUID();
    await this.em.transactional(async (tx) => {
      await this.flags.lockFlagger(user.id, tx);
      if (await this.flags.exists(postId, user.id, tx)) throw new AppError('ALREADY_EXISTS', 'You already flagged this post');
      if ((await this.flags.recentCount(user.id, tx)) >= this.discussions.limits.flagsPerMinute)
        throw new AppError('RATE_LIMITED', `At most ${this.discussions.limits.flagsPerMinute} flags per minute`);
      const h = await this.flags.outcomes(user.id, tx);
      const weight = Math.min(3, Math.max(0.25, 1 + 0.5 * h.upheld - 0.5 * h.dismissed));
      await this.flags.insert({ id, postId, userId: user.id, reason: dto.reason, note: dto.note ?? null, weight }, tx);
      // A hidden post needs no queue item: it has been dealt with (the flag is still recorded).
      if (!post.hidden) await this.items.addFlag(postId, weight, tx);
    });
    return { id, postId, reason: dto.reason, note: dto.note ?? null, createdAt: iso(new Date()) };
  }

  async queue(mod: AuthUser, q: { status?: 'open' | 'claimed' | 'resolved' | 'unresolved'; limit?: number; sort?: string }) {
    const orderBy = q.sort ? orderBySql(q.sort, '-weight', QUEUE_SORT, 'i.id') : QUEUE_DEFAULT_ORDER;
    const rows = await this.items.list(q.status ?? 'unresolved', orderBy, q.limit ?? 50);
    const items = [];
    for (const r of rows) items.push(await this.itemView(r));
    return { items };
  }

  async claim(mod: AuthUser, itemId: string) {
    await this.assertActive(mod);
    const item = await this.loadItem(itemId);
    const post = await this.discussions.loadPost(item.postId);
    if (post.authorId === mod.id) throw forbidden('You cannot moderate your own post');
    if (item.status === 'resolved') throw new AppError('CONFLICT', 'This item is already resolved');
    await this.em.transactional(async (tx) => {
      if (!(await this.items.claim(itemId, mod.id, CLAIM_TTL_MINUTES, tx)))
        throw new AppError('CONFLICT', 'Another moderator has claimed this item');
      await writeAudit(tx, {
        actorId: mod.id,
        action: 'queue.claim',
        targetType: 'queue_item',
        targetId: itemId,
        before: { status: item.status, claimedBy: item.claimedById },
        after: { status: 'claimed', claimedBy: mod.id },
      });
    });
    return this.itemView(await this.loadItem(itemId));
  }

  /** Resolves a claimed item; only its claimer may, so an item is never acted on twice. */
  async resolve(mod: AuthUser, itemId: string, dto: { action: 'hide' | 'dismiss'; reason?: string }) {
    await this.assertActive(mod);
    const item = await this.loadItem(itemId);
    const post = await this.discussions.loadPost(item.postId);
    if (post.authorId === mod.id) throw forbidden('You cannot moderate your own post');
    if (item.status === 'resolved') throw new AppError('CONFLICT', 'This item is already resolved');
    if (item.status !== 'claimed' || item.claimedById !== mod.id) throw new AppError('CONFLICT', 'Claim this item before resolving it');
    if (dto.action === 'hide' && !dto.reason?.trim()) throw badRequest('reason: required to hide a post');
    let hidden: PostRecord | null = null;
    await this.em.transactional(async (tx) => {
      const resolution = dto.action === 'hide' ? 'hidden' : 'dismissed';
      if (!(await this.items.resolve(itemId, { moderatorId: mod.id, resolution, reason: dto.reason ?? null }, tx)))
        throw new AppError('CONFLICT', 'This item is no longer yours to resolve');
      await this.flags.settle(item.postId, dto.action === 'hide' ? 'upheld' : 'dismissed', tx);
      await writeAudit(tx, {
        actorId: mod.id,
        action: 'queue.resolve',
        targetType: 'queue_item',
        targetId: itemId,
        before: { status: 'claimed' },
        after: { status: 'resolved', resolution: dto.action },
        reason: dto.reason,
      });
      if (dto.action === 'hide' && !post.hidden && !post.deletedAt) hidden = await this.hideInTx(tx, mod, post, dto.reason!);
    });
    if (hidden) this.afterHide(mod, hidden, dto.reason!);
    return this.itemView(await this.loadItem(itemId));
  }

  /**
   * Gives a claimed item back to the queue (open, unclaimed), e.g. when its claimer cannot
   * finish it. Only the claimer may, or an admin (who frees items held by someone absent);
   * the claimer is told when an admin releases their claim.
   */
  async release(mod: AuthUser, itemId: string, reason?: string) {
    await this.assertActive(mod);
    const item = await this.loadItem(itemId);
    const post = await this.discussions.loadPost(item.postId);
    if (post.authorId === mod.id) throw forbidden('You cannot moderate your own post');
    if (item.status === 'resolved')
      throw new AppError('QUEUE_ITEM_NOT_CLAIMED', 'This item is already resolved: there is no claim to release');
    if (item.status !== 'claimed' || !item.claimedById) throw new AppError('QUEUE_ITEM_NOT_CLAIMED', 'This item is not claimed');
    const holder = item.claimedById;
    if (holder !== mod.id && !mod.roles.includes('admin')) {
      const lapsed = item.claimedAt && item.claimedAt.getTime() < Date.now() - CLAIM_TTL_MINUTES * 60_000;
      throw new AppError(
        'CLAIM_HELD_BY_OTHER',
        lapsed
          ? 'Another moderator’s claim on this item has lapsed: claim it instead of releasing it'
          : 'Another moderator holds the claim on this item',
      );
    }
    await this.em.transactional(async (tx) => {
      // Conditional on the claim we checked: a concurrent resolve, release or take-over wins.
      if (!(await this.items.release(itemId, holder, tx)))
        throw new AppError('QUEUE_ITEM_NOT_CLAIMED', 'The claim on this item changed meanwhile; reload the queue');
      await writeAudit(tx, {
        actorId: mod.id,
        action: 'queue.release',
        targetType: 'queue_item',
        targetId: itemId,
        before: { status: 'claimed', claimedBy: holder, claimedAt: iso(item.claimedAt) },
        after: { status: 'open', claimedBy: null },
        reason,
      });
    });
    if (holder !== mod.id) {
      this.notifications
        .notify(
          [holder],
          'queue_claim_released',
          { itemId, postId: item.postId, threadId: post.threadId, reason: reason ?? null, by: { id: mod.id, name: mod.name } },
          mod.id,
        )
        .catch((e: Error) => this.log.warn(`notify failed: ${e.message}`));
    }
    return this.itemView(await this.loadItem(itemId));
  }

  // ---- posts ---------------------------------------------------------------------------

  async hide(mod: AuthUser, postId: string, reason: string) {
    await this.assertActive(mod);
    const post = await this.discussions.loadPost(postId);
    if (post.authorId === mod.id) throw forbidden('You cannot moderate your own post');
    if (post.deletedAt) throw new AppError('CONFLICT', 'This post was deleted');
    if (post.hidden) throw new AppError('CONFLICT', 'This post is already hidden');
    await this.em.transactional(async (tx) => {
      await this.hideInTx(tx, mod, post, reason);
      // Hiding settles whatever the queue held about this post.
      await this.items.settleHidden(postId, { moderatorId: mod.id, reason }, tx);
      await this.flags.settle(postId, 'upheld', tx);
    });
    const updated = await this.discussions.loadPost(postId);
    this.afterHide(mod, updated, reason);
    return postView(updated, true);
  }

  async restore(mod: AuthUser, postId: string, reason?: string) {
    await this.assertActive(mod);
    const post = await this.discussions.loadPost(postId);
    if (post.authorId === mod.id) throw forbidden('You cannot moderate your own post');
    if (!post.hidden) throw new AppError('CONFLICT', 'This post is not hidden');
    await this.em.transactional(async (tx) => {
      await this.posts.unhide(postId, tx);
      await writeAudit(tx, {
        actorId: mod.id,
        action: 'post.restore',
        targetType: 'post',
        targetId: postId,
        before: { hidden: true, reason: post.hiddenReason },
        after: { hidden: false },
        reason,
      });
    });
    const updated = await this.discussions.loadPost(postId);
    this.gateway.emitPost('post:restored', updated);
    const thread = await this.discussions.loadThread(updated.threadId);
    this.notifications
      .notify(
        [updated.authorId],
        'content_restored',
        { postId, threadId: updated.threadId, threadTitle: thread.title, reason: reason ?? null },
        mod.id,
      )
      .catch((e: Error) => this.log.warn(`notify failed: ${e.message}`));
    return postView(updated, true);
  }

  // ---- threads -------------------------------------------------------------------------

  async setThreadFlag(mod: AuthUser, threadId: string, op: ThreadFlag, reason?: string) {
    await this.assertActive(mod);
    const thread = await this.discussions.loadThread(threadId);
    if (thread.authorId === mod.id) throw forbidden('You cannot moderate your own thread');
    const setting = op === 'lock' || op === 'unlock' ? 'locked' : 'pinned';
    const value = op === 'lock' || op === 'pin';
    return this.updateThread(mod, thread.id, `thread.${op}` as AuditAction, setting, thread[setting], value, reason);
  }

  async slowMode(mod: AuthUser, threadId: string, seconds: number, reason?: string) {
    await this.assertActive(mod);
    const thread = await this.discussions.loadThread(threadId);
    if (thread.authorId === mod.id) throw forbidden('You cannot moderate your own thread');
    return this.updateThread(mod, thread.id, 'thread.slow_mode', 'slowModeSeconds', thread.slowModeSeconds, seconds, reason);
  }

  private async updateThread(
    mod: AuthUser,
    threadId: string,
    action: AuditAction,
    setting: ThreadSetting,
    before: boolean | number,
    after: boolean | number,
    reason?: string,
  ) {
    // The audit entry keeps the column's name as key, as entries written before the repositories did.
    const column = AUDIT_KEY[setting];
    await this.em.transactional(async (tx) => {
      await this.threads.setSetting(threadId, setting, after, tx);
      await writeAudit(tx, {
        actorId: mod.id,
        action,
        targetType: 'thread',
        targetId: threadId,
        before: { [column]: before },
        after: { [column]: after },
        reason,
      });
    });
    const view = threadView(await this.discussions.loadThread(threadId));
    this.gateway.emitThread(view);
    return view;
  }

  // ---- users ---------------------------------------------------------------------------

  async suspend(mod: AuthUser, userId: string, dto: { until: string; reason: string }) {
    await this.assertActive(mod);
    if (userId === mod.id) throw forbidden('You cannot suspend yourself');
    const roles = await this.suspensionRecords.userRoles(userId);
    if (!roles) throw notFound('User');
    if (roles.includes('admin') && !mod.roles.includes('admin')) throw forbidden('Only an admin may suspend an admin');
    const until = new Date(dto.until);
    if (until.getTime() <= Date.now()) throw badRequest('until: must be in the future');
    if (until.getTime() > Date.now() + 366 * 24 * 3600 * 1000) throw badRequest('until: at most one year ahead');
    const id = randomUUID();
    await this.em.transactional(async (tx) => {
      await this.suspensionRecords.insert({ id, userId, until, reason: dto.reason, createdById: mod.id }, tx);
      await writeAudit(tx, {
        actorId: mod.id,
        action: 'user.suspend',
        targetType: 'user',
        targetId: userId,
        before: null,
        after: { suspensionId: id, until: until.toISOString() },
        reason: dto.reason,
      });
    });
    this.accessEvents.changed({ userId, reason: 'suspension' });
    this.notifications
      .notify([userId], 'account_suspended', { suspensionId: id, until: until.toISOString(), reason: dto.reason }, mod.id)
      .catch((e: Error) => this.log.warn(`notify failed: ${e.message}`));
    return suspensionView(await this.loadSuspension(userId, id), true);
  }

  /** A user's suspensions, newest first, each with whether it is active now. */
  async suspensions(user: AuthUser, userId: string, q: { limit?: number; sort?: string }) {
    const moderator = this.access.isModerator(user);
    if (!moderator && user.id !== userId) throw forbidden('Only moderators, or the user themself, may read a user’s suspensions');
    if (!(await this.suspensionRecords.userRoles(userId))) throw notFound('User');
    const orderBy = orderBySql(q.sort, '-created', SUSPENSION_SORT, 's.id');
    const rows = await this.suspensionRecords.listFor(userId, orderBy, q.limit ?? 50);
    return { items: rows.map((r) => suspensionView(r, moderator)) };
  }

  /**
   * Ends an active suspension now. The posting check reads `lifted_at`, so the user may write
   * again at once (unless another suspension is still active, which the notification says).
   */
  async liftSuspension(mod: AuthUser, userId: string, suspensionId: string, reason: string) {
    // The more telling refusal first: nobody lifts their own suspension (whether suspended or not).
    if (userId === mod.id) throw forbidden('You cannot lift your own suspension');
    await this.assertActive(mod);
    const roles = await this.suspensionRecords.userRoles(userId);
    if (!roles) throw notFound('User');
    if (roles.includes('admin') && !mod.roles.includes('admin')) throw forbidden('Only an admin may lift an admin’s suspension');
    const s = await this.loadSuspension(userId, suspensionId);
    if (!s.active)
      throw new AppError('SUSPENSION_NOT_ACTIVE', s.liftedAt ? 'This suspension was already lifted' : 'This suspension has already ended');
    await this.em.transactional(async (tx) => {
      // Conditional, so two moderators lifting at once (or a lift racing the end) act once.
      const liftedAt = await this.suspensionRecords.lift(userId, suspensionId, { moderatorId: mod.id, reason }, tx);
      if (!liftedAt) throw new AppError('SUSPENSION_NOT_ACTIVE', 'This suspension is no longer active');
      await writeAudit(tx, {
        actorId: mod.id,
        action: 'user.lift_suspension',
        targetType: 'user',
        targetId: userId,
        before: { suspensionId, until: iso(s.until), active: true, liftedAt: null },
        after: { suspensionId, until: iso(s.until), active: false, liftedAt: iso(liftedAt) },
        reason,
      });
    });
    const lifted = await this.loadSuspension(userId, suspensionId);
    const remaining = await this.access.activeSuspensionUntil(userId);
    this.accessEvents.changed({ userId, reason: 'suspension' });
    this.notifications
      .notify(
        [userId],
        'suspension_lifted',
        { suspensionId, until: iso(lifted.until), reason, stillSuspendedUntil: iso(remaining) },
        mod.id,
      )
      .catch((e: Error) => this.log.warn(`notify failed: ${e.message}`));
    return suspensionView(lifted, true);
  }

  audit(_mod: AuthUser, q: AuditFilter) {
    return this.auditLog.list(q);
  }

  // ---- helpers -------------------------------------------------------------------------

  private async hideInTx(tx: EntityManager, mod: AuthUser, post: PostRecord, reason: string): Promise<PostRecord> {
    await this.posts.hide(post.id, { moderatorId: mod.id, reason }, tx);
    await writeAudit(tx, {
      actorId: mod.id,
      action: 'post.hide',
      targetType: 'post',
      targetId: post.id,
      before: { hidden: false },
      after: { hidden: true },
      reason,
    });
    return { ...post, hidden: true, hiddenReason: reason };
  }

  private afterHide(mod: AuthUser, post: PostRecord, reason: string): void {
    this.gateway.emitHidden(post.threadId, post.id, post);
    void (async () => {
      const thread = await this.discussions.loadThread(post.threadId, this.em.fork());
      await this.notifications.notify(
        [post.authorId],
        'content_hidden',
        { postId: post.id, threadId: post.threadId, threadTitle: thread.title, reason },
        mod.id,
      );
    })().catch((e: Error) => this.log.warn(`notify failed: ${e.message}`));
  }

  /** A suspended moderator moderates nothing until the suspension ends (403 USER_SUSPENDED); reading stays. */
  private assertActive(mod: AuthUser): Promise<void> {
    return this.access.assertNotSuspended(mod.id);
  }

  private async loadSuspension(userId: string, id: string): Promise<SuspensionRecord> {
    const r = await this.suspensionRecords.find(userId, id);
    if (!r) throw notFound('Suspension');
    return r;
  }

  private async loadItem(id: string): Promise<QueueItemRecord> {
    const r = await this.items.find(id);
    if (!r) throw notFound('Moderation item');
    return r;
  }

  private async itemView(r: QueueItemRecord): Promise<QueueItemResponse> {
    const post = await this.discussions.loadPost(r.postId);
    const [flags, names] = await Promise.all([this.flags.ofPost(r.postId), this.items.names(r, post.threadId)]);
    const ref = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);
    return {
      id: r.id,
      postId: r.postId,
      threadId: post.threadId,
      thread: { id: post.threadId, title: names.threadTitle },
      claimer: ref(r.claimedById, names.claimedByName),
      resolver: ref(r.resolvedById, names.resolvedByName),
      status: r.status,
      weight: r.weight,
      flagCount: r.flagCount,
      claimedBy: r.claimedById,
      claimedAt: iso(r.claimedAt),
      resolvedBy: r.resolvedById,
      resolvedAt: iso(r.resolvedAt),
      resolution: r.resolution,
      resolutionReason: r.resolutionReason,
      createdAt: iso(r.createdAt),
      post: postView(post, true),
      flags: flags.map((f) => ({
        userId: f.userId,
        user: { id: f.userId, name: f.userName },
        reason: f.reason,
        note: f.note,
        weight: f.weight,
        createdAt: iso(f.createdAt),
      })),
    };
  }
}
