import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { call } from '../api/client';
import type { Notification, NotificationList } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { useRealtimeEvent } from '../realtime/realtime';
import { notificationText } from './notification-text';

/** The bell: unread count kept live by `notification` events, announced politely. */
export function NotificationBell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [announcement, setAnnouncement] = useState('');
  const q = useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () => call<NotificationList>('notifications', { query: { unread: true } }),
  });
  useRealtimeEvent<Notification>('notification', (n) => setAnnouncement(t('notif.live', { text: notificationText(n, t) })));
  const count = q.data?.unreadCount ?? 0;
  return (
    <>
      <button
        type="button"
        className="btn btn-quiet bell"
        aria-label={t('notif.bell')}
        aria-describedby="bell-count"
        onClick={() => navigate('/notifikasi')}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
          />
        </svg>
        {/* Drawn by CSS from data-count, so the button's name stays exactly "Notifikasi";
            the count reaches screen readers through aria-describedby. */}
        <span className={count ? 'badge' : 'badge badge-zero'} data-testid="unread-count" data-count={count} aria-hidden="true" />
      </button>
      <span id="bell-count" className="sr-only">
        {t('home.unreadCount', { count })}
      </span>
      <div className="sr-only" aria-live="polite">
        {announcement}
      </div>
    </>
  );
}
