import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { call } from '../api/client';
import { useAuth } from '../auth/session';
import { LazyMentorshipDocuments } from '../components/evidence/lazy';
import { Feedback } from '../components/mentoring/Feedback';
import { Goals } from '../components/mentoring/Goals';
import type { MentorshipDetail } from '../components/mentoring/model';
import { Sessions } from '../components/mentoring/Sessions';
import '../components/part2/part2.css';
import { errorText } from '../components/part2/errors';
import { hasRole } from '../components/part2/Guard';
import { ErrorBox, Loading } from '../components/States';
import { useTitle } from '../components/useTitle';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { useRealtimeEvent } from '../realtime/realtime';

const STATE_TONE: Record<string, string> = {
  PROPOSED: 'neutral',
  ACTIVE: 'good',
  PAUSED: 'warn',
  COMPLETED: 'good',
  DECLINED: 'bad',
  CANCELLED: 'bad',
};

/** Pendampingan (/pendampingan/:id): state and allowed moves, mentors, progress, goals, sessions, feedback. */
export function MentorshipPage() {
  const { id } = useParams();
  const { t, formatDate } = useI18n();
  const { me } = useAuth();
  const qc = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const q = useQuery({
    queryKey: ['mentorship', id],
    queryFn: () => call<MentorshipDetail>('mentorship', { params: { id: id! } }),
    enabled: !!id,
  });
  useTitle(q.data ? t('ment.of', { title: q.data.innovationTitle }) : t('mentor.title'));
  const refresh = () => void qc.invalidateQueries({ queryKey: ['mentorship', id] });
  // Sessions scheduled, state changes and the like arrive as notifications: re-read the page.
  useRealtimeEvent<{ payload?: { mentorshipId?: string } }>('notification', (n) => n.payload?.mentorshipId === id && refresh());
  const move = useMutation({
    mutationFn: (to: string) => call<MentorshipDetail>('mentorshipTransition', { params: { id: id! }, body: { to } }),
    onSuccess: (_r, to) => {
      setDone(t('ment.moved', { state: t(`ment.state.${to}` as MessageKey) }));
      refresh();
    },
  });
  const team = useQuery({
    queryKey: ['unitMembers', q.data?.replicatingUnit.id],
    enabled: !!q.data,
    queryFn: () => call<{ userId: string; name: string }[]>('unitMembers', { params: { id: q.data!.replicatingUnit.id } }),
  });
  const people = useMemo(() => {
    const m = new Map<string, { id: string; name: string }>();
    for (const x of q.data?.mentors ?? []) m.set(x.id, { id: x.id, name: x.name });
    for (const x of team.data ?? []) m.set(x.userId, { id: x.userId, name: x.name });
    return [...m.values()];
  }, [q.data, team.data]);

  if (q.isPending)
    return (
      <div className="page">
        <Loading />
      </div>
    );
  if (q.error)
    return (
      <div className="page">
        <ErrorBox error={q.error} />
      </div>
    );
  const m = q.data;
  const open = m.state === 'ACTIVE' || m.state === 'PAUSED' || m.state === 'PROPOSED';
  const involved =
    hasRole(me?.roles, 'admin', 'curator') ||
    m.mentors.some((x) => x.id === me?.id) ||
    !!me?.memberships.some((x) => [m.originUnit.id, m.replicatingUnit.id].includes(x.unitId));
  const canEdit = open && involved;
  const p = m.progress;
  const pct = p.goalsTotal ? Math.round((p.goalsDone / p.goalsTotal) * 100) : 0;
  const moves = m.allowedTransitions ?? [];

  return (
    <div className="page">
      <p className="crumbs">
        <Link to={`/replikasi/${m.replicationId}`}>{t('ment.openReplication')}</Link>
      </p>
      <h1>{t('ment.of', { title: m.innovationTitle })}</h1>
      <p className="lead">{t('ment.units', { origin: m.originUnit.name, replicating: m.replicatingUnit.name })}</p>
      <div className="grid-2 wide-left">
        <div>
          <section className="card" aria-labelledby="m-state">
            <h2 id="m-state">{t('ment.state')}</h2>
            <p>
              <span className={`stage stage-${STATE_TONE[m.state] ?? 'neutral'}`}>{t(`ment.state.${m.state}` as MessageKey)}</span>
            </p>
            {moves.length ? (
              <div className="row wrap">
                {moves.map((to) => (
                  <button
                    key={to}
                    type="button"
                    className={`btn${to === 'ACTIVE' || to === 'COMPLETED' ? ' btn-primary' : ''}`}
                    disabled={move.isPending}
                    onClick={() => move.mutate(to)}
                  >
                    {t(`ment.move.${to}` as MessageKey)}
                  </button>
                ))}
              </div>
            ) : (
              <p className="muted">{t('ment.noMoves')}</p>
            )}
            {done && (
              <p role="status" className="alert alert-success">
                {done}
              </p>
            )}
            {move.error && (
              <p role="alert" className="alert alert-error">
                {errorText(move.error)}
              </p>
            )}
          </section>
          <Goals mentorshipId={m.id} goals={m.goals} canEdit={canEdit} onChanged={refresh} />
          <Sessions
            mentorshipId={m.id}
            title={t('ment.of', { title: m.innovationTitle })}
            sessions={m.sessions}
            canEdit={canEdit && m.state !== 'PROPOSED'}
            people={people}
            onChanged={refresh}
          />
          <Feedback m={m} canGive={involved} onChanged={refresh} />
        </div>
        <aside>
          {involved && <LazyMentorshipDocuments mentorship={m} canRevoke={hasRole(me?.roles, 'curator', 'admin')} />}
          <section className="card" aria-labelledby="m-progress">
            <h2 id="m-progress">{t('ment.progress')}</h2>
            <div
              className="progress"
              role="progressbar"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={pct}
              aria-label={t('ment.progressGoals', { done: p.goalsDone, total: p.goalsTotal })}
            >
              <span style={{ width: `${pct}%` }} />
            </div>
            <ul className="list">
              <li>{t('ment.progressGoals', { done: p.goalsDone, total: p.goalsTotal })}</li>
              <li>{t('ment.progressSessions', { n: p.sessionsHeld })}</li>
              {p.goalsOverdue > 0 && <li className="stage stage-bad">{t('ment.progressOverdue', { n: p.goalsOverdue })}</li>}
            </ul>
          </section>
          <section className="card" aria-labelledby="m-mentors">
            <h2 id="m-mentors">{t('ment.mentors')}</h2>
            {m.mentors.length ? (
              <ul className="list">
                {m.mentors.map((x) => (
                  <li key={x.id}>{x.name}</li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t('ment.noMentors')}</p>
            )}
          </section>
          <section className="card" aria-labelledby="m-history">
            <h2 id="m-history">{t('ment.history')}</h2>
            <ol className="timeline">
              {m.history.map((h, i) => (
                <li key={i}>
                  <strong>{h.kind === 'mentors' ? t('ment.mentors') : t(`ment.state.${h.to}` as MessageKey)}</strong>
                  <time dateTime={h.at} className="muted">
                    {formatDate(h.at, true)}
                  </time>
                  {h.actorName && <p className="small muted">{h.actorName}</p>}
                  {h.note && <p className="note">{h.note}</p>}
                </li>
              ))}
            </ol>
          </section>
        </aside>
      </div>
    </div>
  );
}
