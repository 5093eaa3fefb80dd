import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { call } from '../api/client';
import { useMyPlaybooks, useMyReplications, useUpcomingSessions } from '../api/hooks';
import type { NotificationList } from '../api/types';
import { useAuth } from '../auth/session';
import { notificationLink, notificationText } from '../components/notification-text';
import { StageBadge } from '../components/StageBadge';
import { ErrorBox, Loading } from '../components/States';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { useTitle } from '../components/useTitle';

/** Beranda: my playbooks, my units' replications, unread notifications, upcoming sessions. */
export function HomePage() {
  const { t, formatDate } = useI18n();
  const { me } = useAuth();
  useTitle(t('home.title'));
  const reps = useMyReplications(me);
  const playbooks = useMyPlaybooks(me, reps.data);
  const sessions = useUpcomingSessions(me);
  const unread = useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () => call<NotificationList>('notifications', { query: { unread: true } }),
  });

  return (
    <div className="page">
      <h1>{me ? t('home.greeting', { name: me.name }) : t('home.title')}</h1>
      <div className="grid-2">
        <section className="card" aria-labelledby="h-playbooks">
          <h2 id="h-playbooks">{t('home.playbooks')}</h2>
          {playbooks.isPending ? (
            <Loading />
          ) : playbooks.error ? (
            <ErrorBox error={playbooks.error} />
          ) : playbooks.data.length === 0 ? (
            <p className="muted">{t('home.noPlaybooks')}</p>
          ) : (
            <ul className="list">
              {playbooks.data.map((p) => (
                <li key={p.id}>
                  <Link to={`/playbooks/${p.id}`}>{p.title}</Link>
                  {p.access === 'view' && <span className="tag">{t('pb.readOnly').split(':')[0]}</span>}
                  {p.lastEditedAt && (
                    <p className="muted small">
                      {t('home.lastEdited', { when: formatDate(p.lastEditedAt, true), name: p.lastEditedBy?.name ?? '—' })}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="h-unread">
          <h2 id="h-unread">{t('home.unread')}</h2>
          {unread.isPending ? (
            <Loading />
          ) : unread.error ? (
            <ErrorBox error={unread.error} />
          ) : unread.data.items.length === 0 ? (
            <p className="muted">{t('notif.empty')}</p>
          ) : (
            <>
              <p>{t('home.unreadCount', { count: unread.data.unreadCount })}</p>
              <ul className="list">
                {unread.data.items.slice(0, 5).map((n) => {
                  const to = notificationLink(n);
                  return <li key={n.id}>{to ? <Link to={to}>{notificationText(n, t)}</Link> : notificationText(n, t)}</li>;
                })}
              </ul>
              <Link to="/notifikasi">{t('notif.title')} →</Link>
            </>
          )}
        </section>
        <section className="card" aria-labelledby="h-reps">
          <h2 id="h-reps">{t('home.replications')}</h2>
          {reps.isPending ? (
            <Loading />
          ) : reps.error ? (
            <ErrorBox error={reps.error} />
          ) : reps.data.length === 0 ? (
            <p className="muted">
              {t('home.noReplications')} <Link to="/katalog">{t('home.openCatalogue')}</Link>
            </p>
          ) : (
            <ul className="list">
              {reps.data.slice(0, 8).map((r) => (
                <li key={r.id} className="row-between">
                  <Link to={`/replikasi/${r.id}`}>{r.innovationTitle ?? r.id}</Link>
                  <StageBadge stage={r.stage} />
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="h-sessions">
          <h2 id="h-sessions">{t('home.sessions')}</h2>
          {sessions.isPending ? (
            <Loading />
          ) : sessions.error ? (
            <ErrorBox error={sessions.error} />
          ) : sessions.data.length === 0 ? (
            <p className="muted">{t('home.noSessions')}</p>
          ) : (
            <ul className="list">
              {sessions.data.map((s) => (
                <li key={s.id}>
                  <Link to={`/pendampingan/${s.mentorshipId}`}>{formatDate(s.scheduledAt, true)}</Link> — {s.agenda}
                  <p className="muted small">
                    {s.innovationTitle} · {t(`session.${s.mode}` as MessageKey)}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}
