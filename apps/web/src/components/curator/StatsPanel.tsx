import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/client';
import type { Page, Replication } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { ChartBlock } from '../part2/ChartBlock';
import { PROVINCES } from '../part2/provinces';
import { LazyImpactStats } from '../evidence/lazy';
import { ErrorBox, Loading } from '../States';

type Row = { key: string; count: number; label?: string };

/** Statistik: replications by stage, by region (ranked bars), by innovation, and per month. */
export function StatsPanel() {
  const { t } = useI18n();
  const by = (groupBy: 'stage' | 'region' | 'innovation') => ({
    queryKey: ['replicationStats', groupBy],
    queryFn: () => call<Row[]>('replicationStats', { query: { groupBy } }),
  });
  const stage = useQuery(by('stage'));
  const region = useQuery(by('region'));
  const innovation = useQuery(by('innovation'));
  // Over time: counted here from the replications' creation dates (no grouped endpoint for it).
  const months = useQuery({
    queryKey: ['replicationsByMonth'],
    queryFn: async () => {
      const counts = new Map<string, number>();
      for (let offset = 0; offset < 1000; offset += 100) {
        const page = await call<Page<Replication>>('replications', { query: { limit: 100, offset } });
        for (const r of page.items) counts.set(r.createdAt.slice(0, 7), (counts.get(r.createdAt.slice(0, 7)) ?? 0) + 1);
        if (page.items.length < 100) break;
      }
      return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([label, value]) => ({ label, value }));
    },
  });
  const regionName = (code: string) =>
    code === 'NONE'
      ? t('ment.unknownRegion')
      : (PROVINCES[code] ?? (PROVINCES[code.split('.')[0]] ? `${code} (${PROVINCES[code.split('.')[0]]})` : code));
  const pending = stage.isPending || region.isPending || innovation.isPending;
  const error = stage.error ?? region.error ?? innovation.error;
  if (pending) return <Loading />;
  if (error) return <ErrorBox error={error} />;
  return (
    <div className="charts">
      <ChartBlock
        title={t('cur.statsBy.stage')}
        data={stage.data!.map((r) => ({ label: t(`stage.${r.key}` as MessageKey), value: r.count }))}
        keyLabel={t('cur.key')}
        valueLabel={t('cur.count')}
      />
      <ChartBlock
        title={t('cur.statsBy.region')}
        data={region.data!.slice(0, 15).map((r) => ({ label: regionName(r.key), value: r.count }))}
        keyLabel={t('cur.key')}
        valueLabel={t('cur.count')}
      />
      <ChartBlock
        title={t('cur.statsBy.innovation')}
        data={innovation.data!.slice(0, 15).map((r) => ({ label: r.label ?? r.key, value: r.count }))}
        keyLabel={t('cur.key')}
        valueLabel={t('cur.count')}
      />
      {months.data && (
        <ChartBlock kind="line" title={t('cur.statsOverTime')} data={months.data} keyLabel={t('cur.month')} valueLabel={t('cur.count')} />
      )}
      <LazyImpactStats />
    </div>
  );
}
