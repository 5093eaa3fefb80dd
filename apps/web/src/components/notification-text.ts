import type { Notification } from '../api/types';
import type { Translate } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** A one-line description of a notification: its kind and what it is about. */
export function notificationText(n: Notification, t: Translate): string {
  const key = `notif.type.${n.type}` as MessageKey;
  const kind = t(key) === key ? t('notif.type.other') : t(key);
  const p = n.payload ?? {};
  const about = str(p.innovationTitle) || str(p.threadTitle) || str(p.title);
  const stage = n.type === 'stage_change' && str(p.to) ? ` → ${t(`stage.${str(p.to)}` as MessageKey)}` : '';
  return about ? `${kind}: ${about}${stage}` : kind + stage;
}

/** Where a notification leads: its thread, replication, mentorship or innovation. */
export function notificationLink(n: Notification): string | null {
  const p = n.payload ?? {};
  if (str(p.threadId)) return `/diskusi/${str(p.threadId)}`;
  if (str(p.mentorshipId)) return `/pendampingan/${str(p.mentorshipId)}`;
  if (str(p.replicationId)) return `/replikasi/${str(p.replicationId)}`;
  if (str(p.playbookId)) return `/playbooks/${str(p.playbookId)}`;
  if (str(p.innovationId)) return `/inovasi/${str(p.innovationId)}`;
  return null;
}
