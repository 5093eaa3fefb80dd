import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuthUser } from '@app/auth';
import { notFound, parseSort } from '@app/common';
import { Notification, User } from '@app/database';
import { RealtimeGateway } from '../realtime';
import { NotificationEmailer } from './notification-emailer.service';

/** Every type of notification a feed holds (a closed list: a new kind is added here first). */
export const NOTIFICATION_TYPES = [
  // discussions and moderation
  'reply',
  'mention',
  'thread_answered',
  'new_thread',
  'content_hidden',
  'content_restored',
  'account_suspended',
  'suspension_lifted',
  'queue_claim_released',
  // replications
  'stage_change',
  // mentoring
  'mentorship_proposed',
  'mentorship_accepted',
  'mentorship_paused',
  'mentorship_resumed',
  'mentorship_declined',
  'mentorship_cancelled',
  'mentorship_completed',
  'mentorship_mentor_added',
  'mentorship_mentor_removed',
  'session_scheduled',
  'session_changed',
  'goal_due',
  // replication evidence: data refresh campaigns, innovation status
  'refresh_requested',
  'refresh_reminder',
  'innovation_status_changed',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export const notificationView = (n: Notification) => ({
  id: n.id,
  type: n.type,
  payload: n.payload,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt ? n.readAt.toISOString() : null,
});

/** `sort=` keys of the notification feed. */
export const NOTIFICATION_SORTS = ['created', 'type'] as const;

/** The feed's order: the key, then time and id in the same direction (newest first by default). */
function notificationOrder(sort: string | undefined) {
  const { key, dir } = parseSort(sort, '-created');
  return key === 'type' ? { type: dir, createdAt: dir, id: dir } : { createdAt: dir, id: dir };
}

@Injectable()
export class NotificationsService {
  private readonly log = new Logger('Notifications');

  constructor(
    private readonly em: EntityManager,
    private readonly realtime: RealtimeGateway,
    private readonly emailer: NotificationEmailer,
  ) {}

  /**
   * Stores one notification per recipient and pushes it live to their connections.
   * `actorId` is never notified of their own action. Works from any context (own fork).
   */
  async notify(userIds: Iterable<string>, type: NotificationType, payload: Record<string, unknown>, actorId?: string): Promise<void> {
    const recipients = [...new Set(userIds)].filter((id) => id && id !== actorId);
    if (!recipients.length) return;
    const em = this.em.fork();
    const items = recipients.map((id) => new Notification(em.getReference(User, id), type, payload));
    await em.persist(items).flush();
    for (const n of items)
      this.realtime.toUser(n.user.id, 'notification', { id: n.id, type: n.type, payload: n.payload, createdAt: n.createdAt.toISOString() });
    // Mail (immediate or digest) after the feed is stored; a mail problem never fails the caller.
    await this.emailer
      .deliver(items.map((n) => ({ id: n.id, userId: n.user.id, type, payload })))
      .catch((e: Error) => this.log.warn(`notification mail: ${e.message}`));
  }

  async list(user: AuthUser, opts: { unread?: boolean; limit: number; before?: string; after?: string; sort?: string }) {
    const where: Record<string, unknown> = { user: user.id };
    if (opts.unread) where.readAt = null;
    const createdAt: Record<string, Date> = {};
    if (opts.before) createdAt.$lt = new Date(opts.before);
    // Responses carry milliseconds and the column microseconds: "after 12:00:00.123" starts at .124,
    // or the page's last row (stored as .123456) would come back as the next page's first.
    if (opts.after) createdAt.$gte = new Date(Date.parse(opts.after) + 1);
    if (opts.before || opts.after) where.createdAt = createdAt;
    const [items, unreadCount] = await Promise.all([
      this.em.find(Notification, where, { orderBy: notificationOrder(opts.sort), limit: opts.limit }),
      this.em.count(Notification, { user: user.id, readAt: null }),
    ]);
    return { items: items.map(notificationView), unreadCount };
  }

  async markRead(user: AuthUser, id: string) {
    const n = await this.em.findOne(Notification, { id, user: user.id });
    if (!n) throw notFound('Notification');
    n.readAt ??= new Date();
    await this.em.flush();
    return notificationView(n);
  }

  async markAllRead(user: AuthUser) {
    const updated = await this.em.nativeUpdate(Notification, { user: user.id, readAt: null }, { readAt: new Date() });
    return { updated };
  }
}
