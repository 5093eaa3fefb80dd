import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { call } from '../api/client';
import type { NotificationList } from '../api/types';
import { notificationLink, notificationText } from '../components/notification-text';
import { ErrorBox, Loading } from '../components/States';
import { useTitle } from '../components/useTitle';
import { useI18n } from '../i18n/i18n';

/** Notifikasi: the feed (kept live by the realtime provider), mark one or all read. */
export function NotificationsPage() {
  const { t, formatDate } = useI18n();
  useTitle(t('notif.title'));
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['notifications', 'all'], queryFn: () => call<NotificationList>('notifications') });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['notifications'] });
  const readOne = useMutation({ mutationFn: (id: string) => call('readNotification', { params: { id } }), onSuccess: refresh });
  const readAll = useMutation({ mutationFn: () => call('readAllNotifications'), onSuccess: refresh });

  return (
    <div className="page">
      <div className="row-between">
        <h1>{t('notif.title')}</h1>
        <button type="button" className="btn" onClick={() => readAll.mutate()} disabled={!list.data?.unreadCount || readAll.isPending}>
          {t('notif.markAll')}
        </button>
      </div>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <ErrorBox error={list.error} />
      ) : list.data.items.length === 0 ? (
        <p className="muted">{t('notif.empty')}</p>
      ) : (
        <ul className="notifications" aria-label={t('notif.title')}>
          {list.data.items.map((n) => {
            const to = notificationLink(n);
            const text = notificationText(n, t);
            return (
              <li key={n.id} className={n.readAt ? 'card' : 'card unread'}>
                <div>
                  {!n.readAt && <span className="sr-only">{t('notif.unread')}: </span>}
                  {to ? (
                    <Link to={to} onClick={() => !n.readAt && readOne.mutate(n.id)}>
                      {text}
                    </Link>
                  ) : (
                    text
                  )}
                  <p className="muted small">
                    <time dateTime={n.createdAt}>{formatDate(n.createdAt, true)}</time>
                  </p>
                </div>
                {!n.readAt && (
                  <button
                    type="button"
                    className="btn btn-quiet"
                    onClick={() => readOne.mutate(n.id)}
                    aria-label={`${t('notif.markRead')}: ${text}`}
                  >
                    {t('notif.markRead')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
