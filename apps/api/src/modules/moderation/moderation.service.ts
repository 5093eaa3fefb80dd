import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { AppError, badRequest, forbidden, iso, notFound } from '@app/common';
import { AuditLog, writeAudit } from '../audit';
import type { AuditAction, AuditFilter } from '../audit';
import { DiscussionsGateway, DiscussionsService, postView, ThreadAccess, threadView } from '../discussions';
import type { PostRecord } from '../discussions';
import { NotificationsService } from '../notifications';
import { AccessEvents } from '../organisations';
import { FlagReason } from './moderation.dto';
import type { QueueItemResponse, SuspensionResponse } from './moderation.responses';

/** A claim lapses after this long, so an abandoned item returns to the queue. */
const CLAIM_TTL_MINUTES = 15;

interface ItemRow {
  id: string;
  post_id: string;
  status: 'open' | 'claimed' | 'resolved';
  weight: number;
  flag_count: number;
  claimed_by_id: string | null;
  claimed_at: Date | null;
  resolved_by_id: string | null;
  resolved_at: Date | null;
  resolution: string | null;
  resolution_reason: string | null;
  created_at: Date;
}

type ThreadFlag = 'lock' | 'unlock' | 'pin' | 'unpin';

interface SuspensionRow {
  id: string;
  user_id: string;
  until: Date;
  reason: string;
  created_by_id: string | null;
  created_at: Date;
  lifted_at: Date | null;
  lifted_by_id: string | null;
  lift_reason: string | null;
  /** Decided by the database clock, as the posting check (ThreadAccess.assertNotSuspended) does. */
  active: boolean;
}

const SUSPENSION_SELECT = `select s.id, s.user_id, s.until, s.reason, s.created_by_id, s.created_at, s.lifted_at, s.lifted_by_id, s.lift_reason,
  (s.lifted_at is null and s.until > now()) as active from user_suspensions s`;

/**
 * A suspension as the API sends it. Who suspended or lifted is for moderators only: the
 * suspended user sees what and why, not which moderator (as in their notifications).
 */
function suspensionView(r: SuspensionRow, moderator: boolean): SuspensionResponse {
  return {
    id: r.id,
    userId: r.user_id,
    until: iso(r.until),
    reason: r.reason,
    active: r.active,
    createdAt: iso(r.created_at),
    liftedAt: iso(r.lifted_at),
    liftReason: r.lift_reason,
    ...(moderator ? { createdBy: r.created_by_id, liftedBy: r.lifted_by_id } : {}),
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
      await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [`flags:${user.id}`]);
      const [dup] = await tx.execute('select 1 from post_flags where post_id = ? and user_id = ?', [postId, user.id]);
      if (dup) throw new AppError('ALREADY_EXISTS', 'You already flagged this post');
      const [{ n }] = await tx.execute<{ n: number }[]>(
        `select count(*)::int as n from post_flags where user_id = ? and created_at > now() - interval '1 minute'`,
        [user.id],
      );
      if (n >= this.discussions.limits.flagsPerMinute)
        throw new AppError('RATE_LIMITED', `At most ${this.discussions.limits.flagsPerMinute} flags per minute`);
      const [h] = await tx.execute<{ upheld: number; dismissed: number }[]>(
        `select count(*) filter (where outcome = 'upheld')::int as upheld, count(*) filter (where outcome = 'dismissed')::int as dismissed from post_flags where user_id = ?`,
        [user.id],
      );
      const weight = Math.min(3, Math.max(0.25, 1 + 0.5 * h.upheld - 0.5 * h.dismissed));
      await tx.execute('insert into post_flags (id, post_id, user_id, reason, note, weight) values (?, ?, ?, ?, ?, ?)', [
        id,
        postId,
        user.id,
        dto.reason,
        dto.note ?? null,
        weight,
      ]);
      // A hidden post needs no queue item: it has been dealt with (the flag is still recorded).
      if (!post.hidden) {
        await tx.execute(
          `insert into moderation_items (id, post_id, weight, flag_count) values (?, ?, ?, 1)
           on conflict (post_id) where status <> 'resolved'
           do update set weight = moderation_items.weight + excluded.weight, flag_count = moderation_items.flag_count + 1, updated_at = now()`,
          [randomUUID(), postId, weight],
        );
      }
    });
    return { id, postId, reason: dto.reason, note: dto.note ?? null, createdAt: iso(new Date()) };
  }

  async queue(mod: AuthUser, q: { status?: 'open' | 'claimed' | 'resolved' | 'unresolved'; limit?: number }) {
    const status = q.status ?? 'unresolved';
    const where = status === 'unresolved' ? `i.status <> 'resolved'` : 'i.status = ?';
    const rows = await this.em.execute<ItemRow[]>(
      `select i.* from moderation_items i where ${where} order by i.weight desc, i.created_at, i.id limit ?`,
      status === 'unresolved' ? [q.limit ?? 50] : [status, q.limit ?? 50],
    );
    const items = [];
    for (const r of rows) items.push(await this.itemView(r));
    return { items };
  }

  async claim(mod: AuthUser, itemId: string) {
    await this.assertActive(mod);
    const item = await this.loadItem(itemId);
    const post = await this.discussions.loadPost(item.post_id);
    if (post.authorId === mod.id) throw forbidden('You cannot moderate your own post');
    if (item.status === 'resolved') throw new AppError('CONFLICT', 'This item is already resolved');
    await this.em.transactional(async (tx) => {
      const won = await tx.execute<{ id: string }[]>(
        `update moderation_items set status = 'claimed', claimed_by_id = ?, claimed_at = now(), updated_at = now()
          where id = ? and (status = 'open' or (status = 'claimed' and (claimed_by_id = ? or claimed_at < now() - make_interval(mins => ?)))) returning id`,
        [mod.id, itemId, mod.id, CLAIM_TTL_MINUTES],
      );
      if (!won.length) throw new AppError('CONFLICT', 'Another moderator has claimed this item');
      await writeAudit(tx, {
        actorId: mod.id,
        action: 'queue.claim',
        targetType: 'queue_item',
        targetId: itemId,
        before: { status: item.status, claimedBy: item.claimed_by_id },
        after: { status: 'claimed', claimedBy: mod.id },
      });
    });
    return this.itemView(await this.loadItem(itemId));
  }

  /** Resolves a claimed item; only its claimer may, so an item is never acted on twice. */
  async resolve(mod: AuthUser, itemId: string, dto: { action: 'hide' | 'dismiss'; reason?: string }) {
    await this.assertActive(mod);
    const item = await this.loadItem(itemId);
    const post = await this.discussions.loadPost(item.post_id);
    if (post.authorId === mod.id) throw forbidden('You cannot moderate your own post');
    if (item.status === 'resolved') throw new AppError('CONFLICT', 'This item is already resolved');
    if (item.status !== 'claimed' || item.claimed_by_id !== mod.id) throw new AppError('CONFLICT', 'Claim this item before resolving it');
    if (dto.action === 'hide' && !dto.reason?.trim()) throw badRequest('reason: required to hide a post');
    let hidden: PostRecord | null = null;
    await this.em.transactional(async (tx) => {
      const done = await tx.execute<{ id: string }[]>(
        `update moderation_items set status = 'resolved', resolved_by_id = ?, resolved_at = now(), resolution = ?, resolution_reason = ?, updated_at = now()
          where id = ? and status = 'claimed' and claimed_by_id = ? returning id`,
        [mod.id, dto.action === 'hide' ? 'hidden' : 'dismissed', dto.reason ?? null, itemId, mod.id],
      );
      if (!done.length) throw new AppError('CONFLICT', 'This item is no longer yours to resolve');
      await tx.execute(`update post_flags set outcome = ? where post_id = ? and outcome is null`, [
        dto.action === 'hide' ? 'upheld' : 'dismissed',
        item.post_id,
      ]);
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
    const post = await this.discussions.loadPost(item.post_id);
    if (post.authorId === mod.id) throw forbidden('You cannot moderate your own post');
    if (item.status === 'resolved')
      throw new AppError('QUEUE_ITEM_NOT_CLAIMED', 'This item is already resolved: there is no claim to release');
    if (item.status !== 'claimed' || !item.claimed_by_id) throw new AppError('QUEUE_ITEM_NOT_CLAIMED', 'This item is not claimed');
    const holder = item.claimed_by_id;
    if (holder !== mod.id && !mod.roles.includes('admin')) {
      const lapsed = item.claimed_at && new Date(item.claimed_at).getTime() < Date.now() - CLAIM_TTL_MINUTES * 60_000;
      throw new AppError(
        'CLAIM_HELD_BY_OTHER',
        lapsed
          ? 'Another moderator’s claim on this item has lapsed: claim it instead of releasing it'
          : 'Another moderator holds the claim on this item',
      );
    }
    await this.em.transactional(async (tx) => {
      // Conditional on the claim we checked: a concurrent resolve, release or take-over wins.
      const done = await tx.execute<{ id: string }[]>(
        `update moderation_items set status = 'open', claimed_by_id = null, claimed_at = null, updated_at = now()
          where id = ? and status = 'claimed' and claimed_by_id = ? returning id`,
        [itemId, holder],
      );
      if (!done.length) throw new AppError('QUEUE_ITEM_NOT_CLAIMED', 'The claim on this item changed meanwhile; reload the queue');
      await writeAudit(tx, {
        actorId: mod.id,
        action: 'queue.release',
        targetType: 'queue_item',
        targetId: itemId,
        before: { status: 'claimed', claimedBy: holder, claimedAt: iso(item.claimed_at) },
        after: { status: 'open', claimedBy: null },
        reason,
      });
    });
    if (holder !== mod.id) {
      this.notifications
        .notify(
          [holder],
          'queue_claim_released',
          { itemId, postId: item.post_id, threadId: post.threadId, reason: reason ?? null, by: { id: mod.id, name: mod.name } },
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
      await tx.execute(
        `update moderation_items set status = 'resolved', resolved_by_id = ?, resolved_at = now(), resolution = 'hidden', resolution_reason = ?, updated_at = now() where post_id = ? and status <> 'resolved'`,
        [mod.id, reason, postId],
      );
      await tx.execute(`update post_flags set outcome = 'upheld' where post_id = ? and outcome is null`, [postId]);
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
      await tx.execute('update posts set hidden = false, hidden_reason = null, hidden_at = null, hidden_by_id = null where id = ?', [
        postId,
      ]);
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
    const column = op === 'lock' || op === 'unlock' ? 'locked' : 'pinned';
    const value = op === 'lock' || op === 'pin';
    return this.updateThread(mod, thread.id, `thread.${op}` as AuditAction, column, thread[column], value, reason);
  }

  async slowMode(mod: AuthUser, threadId: string, seconds: number, reason?: string) {
    await this.assertActive(mod);
    const thread = await this.discussions.loadThread(threadId);
    if (thread.authorId === mod.id) throw forbidden('You cannot moderate your own thread');
    return this.updateThread(mod, thread.id, 'thread.slow_mode', 'slow_mode_seconds', thread.slowModeSeconds, seconds, reason);
  }

  private async updateThread(
    mod: AuthUser,
    threadId: string,
    action: AuditAction,
    column: 'locked' | 'pinned' | 'slow_mode_seconds',
    before: unknown,
    after: unknown,
    reason?: string,
  ) {
    await this.em.transactional(async (tx) => {
      await tx.execute(`update threads set ${column} = ?, updated_at = now() where id = ?`, [after, threadId]);
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
    const [target] = await this.em.execute<{ id: string; roles: string[] }[]>('select id, roles from users where id = ?', [userId]);
    if (!target) throw notFound('User');
    if (target.roles.includes('admin') && !mod.roles.includes('admin')) throw forbidden('Only an admin may suspend an admin');
    const until = new Date(dto.until);
    if (until.getTime() <= Date.now()) throw badRequest('until: must be in the future');
    if (until.getTime() > Date.now() + 366 * 24 * 3600 * 1000) throw badRequest('until: at most one year ahead');
    const id = randomUUID();
    await this.em.transactional(async (tx) => {
      await tx.execute('insert into user_suspensions (id, user_id, until, reason, created_by_id) values (?, ?, ?, ?, ?)', [
        id,
        userId,
        until,
        dto.reason,
        mod.id,
      ]);
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
  async suspensions(user: AuthUser, userId: string, q: { limit?: number }) {
    const moderator = this.access.isModerator(user);
    if (!moderator && user.id !== userId) throw forbidden('Only moderators, or the user themself, may read a user’s suspensions');
    const [target] = await this.em.execute('select id from users where id = ?', [userId]);
    if (!target) throw notFound('User');
    const rows = await this.em.execute<SuspensionRow[]>(
      `${SUSPENSION_SELECT} where s.user_id = ? order by s.created_at desc, s.id desc limit ?`,
      [userId, q.limit ?? 50],
    );
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
    const [target] = await this.em.execute<{ id: string; roles: string[] }[]>('select id, roles from users where id = ?', [userId]);
    if (!target) throw notFound('User');
    if (target.roles.includes('admin') && !mod.roles.includes('admin')) throw forbidden('Only an admin may lift an admin’s suspension');
    const s = await this.loadSuspension(userId, suspensionId);
    if (!s.active)
      throw new AppError('SUSPENSION_NOT_ACTIVE', s.lifted_at ? 'This suspension was already lifted' : 'This suspension has already ended');
    await this.em.transactional(async (tx) => {
      // Conditional, so two moderators lifting at once (or a lift racing the end) act once.
      const [done] = await tx.execute<{ lifted_at: Date }[]>(
        'update user_suspensions set lifted_at = now(), lifted_by_id = ?, lift_reason = ? where id = ? and user_id = ? and lifted_at is null and until > now() returning lifted_at',
        [mod.id, reason, suspensionId, userId],
      );
      if (!done) throw new AppError('SUSPENSION_NOT_ACTIVE', 'This suspension is no longer active');
      await writeAudit(tx, {
        actorId: mod.id,
        action: 'user.lift_suspension',
        targetType: 'user',
        targetId: userId,
        before: { suspensionId, until: iso(s.until), active: true, liftedAt: null },
        after: { suspensionId, until: iso(s.until), active: false, liftedAt: iso(done.lifted_at) },
        reason,
      });
    });
    const lifted = await this.loadSuspension(userId, suspensionId);
    const [remaining] = await this.em.execute<{ until: Date }[]>(
      'select until from user_suspensions where user_id = ? and lifted_at is null and until > now() order by until desc limit 1',
      [userId],
    );
    this.accessEvents.changed({ userId, reason: 'suspension' });
    this.notifications
      .notify(
        [userId],
        'suspension_lifted',
        { suspensionId, until: iso(lifted.until), reason, stillSuspendedUntil: remaining ? iso(remaining.until) : null },
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
    await tx.execute('update posts set hidden = true, hidden_reason = ?, hidden_at = now(), hidden_by_id = ? where id = ?', [
      reason,
      mod.id,
      post.id,
    ]);
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

  private async loadSuspension(userId: string, id: string): Promise<SuspensionRow> {
    const [r] = await this.em.execute<SuspensionRow[]>(`${SUSPENSION_SELECT} where s.id = ? and s.user_id = ?`, [id, userId]);
    if (!r) throw notFound('Suspension');
    return r;
  }

  private async loadItem(id: string): Promise<ItemRow> {
    const [r] = await this.em.execute<ItemRow[]>('select * from moderation_items where id = ?', [id]);
    if (!r) throw notFound('Moderation item');
    return r;
  }

  private async itemView(r: ItemRow): Promise<QueueItemResponse> {
    const post = await this.discussions.loadPost(r.post_id);
    const flags = await this.em.execute<
      { user_id: string; user_name: string; reason: string; note: string | null; weight: number; created_at: Date }[]
    >(
      `select f.user_id, u.name as user_name, f.reason, f.note, f.weight, f.created_at
         from post_flags f join users u on u.id = f.user_id where f.post_id = ? order by f.created_at`,
      [r.post_id],
    );
    // The names a moderator reads next to the ids: the thread's title, who claimed and resolved.
    const [names] = await this.em.execute<{ title: string; claimed_by_name: string | null; resolved_by_name: string | null }[]>(
      `select t.title, (select name from users where id = ?) as claimed_by_name, (select name from users where id = ?) as resolved_by_name
         from threads t where t.id = ?`,
      [r.claimed_by_id, r.resolved_by_id, post.threadId],
    );
    const ref = (id: string | null, name: string | null | undefined) => (id ? { id, name: name ?? '' } : null);
    return {
      id: r.id,
      postId: r.post_id,
      threadId: post.threadId,
      thread: { id: post.threadId, title: names?.title ?? '' },
      claimer: ref(r.claimed_by_id, names?.claimed_by_name),
      resolver: ref(r.resolved_by_id, names?.resolved_by_name),
      status: r.status,
      weight: Number(r.weight),
      flagCount: r.flag_count,
      claimedBy: r.claimed_by_id,
      claimedAt: iso(r.claimed_at),
      resolvedBy: r.resolved_by_id,
      resolvedAt: iso(r.resolved_at),
      resolution: r.resolution,
      resolutionReason: r.resolution_reason,
      createdAt: iso(r.created_at),
      post: postView(post, true),
      flags: flags.map((f) => ({
        userId: f.user_id,
        user: { id: f.user_id, name: f.user_name },
        reason: f.reason,
        note: f.note,
        weight: Number(f.weight),
        createdAt: iso(f.created_at),
      })),
    };
  }
}
