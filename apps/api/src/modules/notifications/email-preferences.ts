import type { NotificationType } from './notifications.service';

export const EMAIL_MODES = ['immediate', 'digest', 'off'] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];

/**
 * How each notification type reaches the inbox unless the user chose otherwise: what asks for
 * attention now (mentions, sessions, stage changes, moderation outcomes) at once, conversation
 * traffic (replies, new threads) in the daily digest.
 */
export const DEFAULT_EMAIL_MODES: Record<NotificationType, EmailMode> = {
  mention: 'immediate',
  reply: 'digest',
  new_thread: 'digest',
  thread_answered: 'digest',
  content_hidden: 'immediate',
  content_restored: 'immediate',
  account_suspended: 'immediate',
  suspension_lifted: 'immediate',
  queue_claim_released: 'off',
  stage_change: 'immediate',
  mentorship_proposed: 'immediate',
  mentorship_accepted: 'immediate',
  mentorship_paused: 'immediate',
  mentorship_resumed: 'immediate',
  mentorship_declined: 'immediate',
  mentorship_cancelled: 'immediate',
  mentorship_completed: 'immediate',
  mentorship_mentor_added: 'immediate',
  mentorship_mentor_removed: 'immediate',
  session_scheduled: 'immediate',
  session_changed: 'immediate',
  goal_due: 'digest',
  // catalogue upkeep
  refresh_requested: 'immediate',
  refresh_reminder: 'digest',
  innovation_status_changed: 'digest',
};

/** Where a notification's mail links to in the web client. */
export function notificationPath(payload: Record<string, unknown>): string {
  if (typeof payload.threadId === 'string') return `/diskusi/${payload.threadId}`;
  if (typeof payload.mentorshipId === 'string') return `/pendampingan/${payload.mentorshipId}`;
  if (typeof payload.replicationId === 'string') return `/replikasi/${payload.replicationId}`;
  if (typeof payload.innovationId === 'string') return `/inovasi/${payload.innovationId}`;
  return '/notifikasi';
}
