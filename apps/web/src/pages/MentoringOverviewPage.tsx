import { useQuery } from '@tanstack/react-query';
import { call } from '../api/client';
import { ChartBlock } from '../components/part2/ChartBlock';
import '../components/part2/part2.css';
import { RoleGuard } from '../components/part2/Guard';
import { PROVINCES } from '../components/part2/provinces';
import { ErrorBox, Loading } from '../components/States';
import { useTitle } from '../components/useTitle';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

interface Overview {
  total: number;
  byState: Record<string, number>;
  byRegion: { regionCode: string | null; total: number; byState: Record<string, number> }[];
  goalsDone: number;
  goalsTotal: number;
  goalsOverdue: number;
  sessionsHeld: number;
  rating: { average: number | null; count: number };
}

/** Ringkasan nasional (/pendampingan/nasional, curators and admins): mentorships by state and by province. */
export function MentoringOverviewPage() {
  const { t } = useI18n();
  useTitle(t('ment.overview'));
  return (
    <RoleGuard roles={['curator', 'admin']} message={t('cur.onlyCurators')}>
      <Overview />
    </RoleGuard>
  );
}

function Overview() {
  const { t } = useI18n();
  const q = useQuery({ queryKey: ['mentoringOverview'], queryFn: () => call<Overview>('mentoringOverview') });
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
  const o = q.data;
  const byState = Object.entries(o.byState).map(([k, v]) => ({ label: t(`ment.state.${k}` as MessageKey), value: v }));
  const byProvince = o.byRegion.map((r) => ({
    label: r.regionCode ? (PROVINCES[r.regionCode] ?? r.regionCode) : t('ment.unknownRegion'),
    value: r.total,
  }));
  return (
    <div className="page">
      <h1>{t('ment.overview')}</h1>
      <div className="stats">
        <div className="card">
          <p className="stat">{o.total}</p>
          <p className="muted small">{t('ment.total', { n: o.total })}</p>
        </div>
        <div className="card">
          <p className="stat">
            {o.goalsDone}/{o.goalsTotal}
          </p>
          <p className="muted small">{t('ment.goals')}</p>
        </div>
        <div className="card">
          <p className="stat">{o.sessionsHeld}</p>
          <p className="muted small">{t('ment.sessions')}</p>
        </div>
        <div className="card">
          <p className="stat">{o.rating.average ?? '—'}</p>
          <p className="muted small">
            {o.rating.average === null ? t('ment.noRating') : t('ment.ratingAvg', { avg: o.rating.average, count: o.rating.count })}
          </p>
        </div>
      </div>
      <div className="charts">
        <ChartBlock title={t('ment.byState')} data={byState} keyLabel={t('ment.state')} valueLabel={t('ment.count')} />
        <ChartBlock title={t('ment.byProvince')} data={byProvince} keyLabel={t('adm.kind.province')} valueLabel={t('ment.count')} />
      </div>
    </div>
  );
}
