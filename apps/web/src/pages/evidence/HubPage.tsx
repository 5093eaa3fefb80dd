import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, Navigate, useParams } from 'react-router';
import { call } from '../../api/client';
import type { Hub } from '../../api/evidence-types';
import { useUnit } from '../../api/hooks';
import { fillPath } from '../../api/routes';
import { EVIDENCE_ROUTES } from '../../api/routes-evidence';
import { rawFetch, saveResponse } from '../../api/raw';
import { useAuth } from '../../auth/session';
import { formatNumber, formatPercent } from '../../components/evidence/access';
import { errorText } from '../../components/part2/errors';
import '../../components/part2/part2.css';
import { StageBadge } from '../../components/StageBadge';
import { ErrorBox, Loading } from '../../components/States';
import { useTitle } from '../../components/useTitle';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import '../../components/evidence/evidence.css';

function UnitLink({ id }: { id: string }) {
  const u = useUnit(id);
  return <Link to={`/hub/${id}`}>{u.data?.name ?? id}</Link>;
}

/** Hub (/hub): the units the user belongs to; with one unit, straight to its hub. */
export function HubIndexPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  useTitle(t('hub.pick'));
  if (!me) return <Loading />;
  if (me.memberships.length === 1) return <Navigate to={`/hub/${me.memberships[0].unitId}`} replace />;
  return (
    <div className="page">
      <h1>{t('hub.pick')}</h1>
      <p>{me.memberships.length ? t('hub.pickIntro') : t('hub.noUnits')}</p>
      <ul className="list">
        {me.memberships.map((m) => (
          <li key={m.unitId}>
            <UnitLink id={m.unitId} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Hub (/hub/:unitId): a facilitator unit's replications and mentorships, with stages, checklists, indicators, ratings. */
export default function HubPage() {
  const { unitId } = useParams();
  const { t, locale, formatDate } = useI18n();
  const hub = useQuery({ queryKey: ['hub', unitId], queryFn: () => call<Hub>('hub', { params: { id: unitId! } }), enabled: !!unitId });
  useTitle(hub.data ? t('hub.title', { name: hub.data.unit.name }) : undefined);
  const exportCsv = useMutation({
    mutationFn: async () => saveResponse(await rawFetch('GET', fillPath(EVIDENCE_ROUTES.hubExport[1], { id: unitId! })), 'hub.csv'),
  });
  if (hub.isPending)
    return (
      <div className="page">
        <Loading />
      </div>
    );
  if (hub.error)
    return (
      <div className="page">
        <ErrorBox error={hub.error} />
      </div>
    );
  const h = hub.data;
  const s = h.summary;
  return (
    <div className="page page-wide">
      <h1>{t('hub.title', { name: h.unit.name })}</h1>
      <p className="muted">{h.unit.agencyName}</p>
      <section className="card" aria-labelledby="h-hub-summary">
        <div className="row-between">
          <h2 id="h-hub-summary">{t('hub.summary')}</h2>
          <button type="button" className="btn" disabled={exportCsv.isPending} onClick={() => exportCsv.mutate()}>
            {t('hub.export')}
          </button>
        </div>
        {exportCsv.error && (
          <p className="alert alert-error" role="alert">
            {errorText(exportCsv.error)}
          </p>
        )}
        <dl className="details">
          <div>
            <dt>{t('hub.replications')}</dt>
            <dd>
              {s.replications}{' '}
              {Object.entries(s.byStage).map(([stage, n]) => (
                <span key={stage} className="small">
                  <StageBadge stage={stage} /> {n}{' '}
                </span>
              ))}
            </dd>
          </div>
          <div>
            <dt>{t('hub.mentorships')}</dt>
            <dd>
              {s.mentorships}{' '}
              {Object.entries(s.mentorshipsByState).map(([state, n]) => (
                <span key={state} className="tag">
                  {t(`ment.state.${state}` as MessageKey)} {n}
                </span>
              ))}
            </dd>
          </div>
          <div>
            <dt>{t('hub.checklistDone')}</dt>
            <dd>{s.checklistDonePercent === null ? '–' : `${formatNumber(s.checklistDonePercent, locale)} %`}</dd>
          </div>
          <div>
            <dt>{t('hub.avgRating')}</dt>
            <dd>{s.averageRatingByTeam === null ? '–' : formatNumber(s.averageRatingByTeam, locale)}</dd>
          </div>
        </dl>
      </section>
      {h.replications.length === 0 ? (
        <p className="muted">{t('hub.none')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('hub.table')}>
          <table className="table">
            <caption>{t('hub.table')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('hub.innovation')}</th>
                <th scope="col">{t('hub.replicating')}</th>
                <th scope="col">{t('hub.stage')}</th>
                <th scope="col">{t('hub.checklist')}</th>
                <th scope="col">{t('hub.indicators')}</th>
                <th scope="col">{t('hub.mentoring')}</th>
              </tr>
            </thead>
            <tbody>
              {h.replications.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/replikasi/${r.id}`}>{r.innovation.title}</Link>
                    <br />
                    <span className="small muted">
                      {r.originUnit.name} · {r.facilitated ? t('hub.role.facilitated') : t('hub.role.mentors')} ·{' '}
                      <time dateTime={r.updatedAt}>{formatDate(r.updatedAt)}</time>
                    </span>
                  </td>
                  <td>{r.replicatingUnit.name}</td>
                  <td>
                    <StageBadge stage={r.stage} />
                  </td>
                  <td>{t('hub.checklistCell', { done: r.checklist.done, total: r.checklist.total, open: r.checklist.requiredOpen })}</td>
                  <td>
                    <ul className="list-plain">
                      {r.indicators.map((i) => (
                        <li key={i.id}>
                          {i.name}: {formatPercent(i.changePercent, locale)}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    <ul className="list-plain">
                      {r.mentorships.map((m) => (
                        <li key={m.id}>
                          <Link to={`/pendampingan/${m.id}`}>
                            {t('hub.mentorshipCell', {
                              state: t(`ment.state.${m.state}` as MessageKey),
                              goalsDone: m.goalsDone,
                              goalsTotal: m.goalsTotal,
                              sessions: m.sessionsHeld,
                            })}
                          </Link>
                          {m.ratingByTeam !== null && (
                            <span className="small"> · {t('hub.rating', { value: formatNumber(m.ratingByTeam, locale) })}</span>
                          )}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
