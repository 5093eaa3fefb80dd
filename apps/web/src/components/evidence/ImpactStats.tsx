import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/client';
import type { ImpactIndicator } from '../../api/evidence-types';
import { useI18n } from '../../i18n/i18n';
import { ChartBlock } from '../part2/ChartBlock';
import { ErrorBox, Loading } from '../States';
import { ImpactTable } from './ImpactPanel';

/** Statistik — dampak: the median change per indicator across innovations (GET /api/stats/impact). */
export default function ImpactStats() {
  const { t } = useI18n();
  const q = useQuery({
    queryKey: ['impactStats'],
    queryFn: () => call<{ indicators: (ImpactIndicator & { innovations: number })[] }>('impactStats'),
  });
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorBox error={q.error} />;
  const measured = q.data.indicators.filter((i) => i.medianChangePercent !== null);
  return (
    <>
      <ChartBlock
        title={t('imp.statsTitle')}
        data={measured.slice(0, 15).map((i) => ({ label: `${i.name} (${i.unit})`, value: i.medianChangePercent! }))}
        keyLabel={t('imp.indicator')}
        valueLabel={t('imp.median')}
      />
      <section className="card" aria-labelledby="h-impact-stats">
        <h2 id="h-impact-stats">{t('imp.statsTable')}</h2>
        {q.data.indicators.length === 0 ? (
          <p className="muted">{t('imp.none')}</p>
        ) : (
          <ImpactTable rows={q.data.indicators} caption={t('imp.statsTable')} />
        )}
      </section>
    </>
  );
}
