import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import { call } from '../api/client';
import { useMyReplications, useUnit } from '../api/hooks';
import { useAuth } from '../auth/session';
import { MentorshipList } from '../components/mentoring/MentorshipList';
import type { MentorshipSummary } from '../components/mentoring/model';
import '../components/part2/part2.css';
import { ErrorBox, Loading } from '../components/States';
import { useTitle } from '../components/useTitle';
import { useI18n } from '../i18n/i18n';

interface Side {
  summary: { goalsDone: number; goalsTotal: number; goalsOverdue: number; sessionsHeld: number; sessionsWithoutNotes: number };
  items: MentorshipSummary[];
}
interface Dashboard {
  unit: { id: string; name: string };
  rating: { average: number | null; count: number };
  asMentor: Side;
  asMentee: Side;
}

function UnitOption({ id }: { id: string }) {
  const u = useUnit(id);
  return <option value={id}>{u.data?.name ?? id}</option>;
}

/** Dasbor pendampingan unit (/pendampingan/dasbor?unit=): a unit's mentorships on both sides, progress, rating. */
export function MentoringDashboardPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const units = me?.memberships.map((m) => m.unitId) ?? [];
  const unitId = params.get('unit') ?? units[0];
  const q = useQuery({
    queryKey: ['unitDashboard', unitId],
    queryFn: () => call<Dashboard>('unitDashboard', { params: { id: unitId! } }),
    enabled: !!unitId,
  });
  const reps = useMyReplications(me);
  useTitle(t('ment.dashboard'));
  const withMentoring = new Set(
    [...(q.data?.asMentee.items ?? []), ...(q.data?.asMentor.items ?? [])]
      .filter((m) => !['DECLINED', 'CANCELLED'].includes(m.state))
      .map((m) => m.replicationId),
  );
  const proposable = (reps.data ?? []).filter(
    (r) => !withMentoring.has(r.id) && !['DECLINED', 'WITHDRAWN', 'DISCONTINUED'].includes(r.stage),
  );
  return (
    <div className="page">
      <h1>{q.data ? t('ment.dashboardOf', { name: q.data.unit.name }) : t('ment.dashboard')}</h1>
      {units.length > 1 && (
        <div className="field" style={{ maxWidth: 420, marginBottom: 16 }}>
          <label htmlFor={`${id}-unit`}>{t('ment.chooseUnit')}</label>
          <select id={`${id}-unit`} value={unitId} onChange={(e) => setParams({ unit: e.target.value })}>
            {units.map((u) => (
              <UnitOption key={u} id={u} />
            ))}
          </select>
        </div>
      )}
      {!unitId ? (
        <p className="muted">{t('ment.noMentorships')}</p>
      ) : q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorBox error={q.error} />
      ) : (
        <>
          <p>
            {q.data.rating.average === null
              ? t('ment.noRating')
              : t('ment.ratingAvg', { avg: q.data.rating.average, count: q.data.rating.count })}
          </p>
          {(
            [
              ['asMentor', t('ment.asMentor')],
              ['asMentee', t('ment.asMentee')],
            ] as const
          ).map(([key, title]) => {
            const side = q.data[key];
            return (
              <section key={key} className="card" aria-label={title}>
                <h2>{title}</h2>
                <div className="stats">
                  <div className="card">
                    <p className="stat">
                      {side.summary.goalsDone}/{side.summary.goalsTotal}
                    </p>
                    <p className="muted small">{t('ment.goals')}</p>
                  </div>
                  <div className="card">
                    <p className="stat">{side.summary.sessionsHeld}</p>
                    <p className="muted small">{t('ment.sessions')}</p>
                  </div>
                  <div className="card">
                    <p className="stat">{side.summary.goalsOverdue}</p>
                    <p className="muted small">{t('ment.overdue')}</p>
                  </div>
                </div>
                <MentorshipList items={side.items} caption={title} />
              </section>
            );
          })}
          {proposable.length > 0 && (
            <section className="card" aria-labelledby="propose-h">
              <h2 id="propose-h">{t('ment.propose')}</h2>
              <ul className="list">
                {proposable.map((r) => (
                  <li key={r.id} className="row-between">
                    <Link to={`/replikasi/${r.id}`}>{r.innovationTitle ?? r.id}</Link>
                    <Link
                      className="btn btn-small"
                      to={`/pendampingan/baru?replikasi=${r.id}`}
                      aria-label={`${t('ment.propose')}: ${r.innovationTitle ?? ''}`}
                    >
                      {t('ment.propose')}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </div>
  );
}
