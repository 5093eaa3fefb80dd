import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/client';
import type { Impact, ImpactIndicator } from '../../api/evidence-types';
import { useI18n } from '../../i18n/i18n';
import { ErrorBox, Loading } from '../States';
import { formatNumber, formatPercent } from './access';
import { OriginResultsTable } from './OriginResultsTable';
import './evidence.css';

/** Dampak replikasi on the innovation page: the roll-up over its replications beside the origin's own results. */
export default function ImpactPanel({ innovationId }: { innovationId: string }) {
  const { t, locale } = useI18n();
  const impact = useQuery({
    queryKey: ['impact', innovationId],
    queryFn: () => call<Impact>('impact', { params: { id: innovationId } }),
  });
  return (
    <section className="card" aria-labelledby="h-impact">
      <h2 id="h-impact">{t('imp.title')}</h2>
      {impact.isPending ? (
        <Loading />
      ) : impact.error ? (
        <ErrorBox error={impact.error} />
      ) : (
        <>
          <p>{t('imp.summary', impact.data.replications)}</p>
          {impact.data.indicators.length === 0 ? (
            <p className="muted">{t('imp.none')}</p>
          ) : (
            <>
              <ul className="list">
                {impact.data.indicators
                  .filter((i) => i.medianChangePercent !== null)
                  .slice(0, 3)
                  .map((i) => (
                    <li key={i.name + i.unit}>
                      <strong>
                        {t('imp.headline', { name: i.name, change: formatPercent(i.medianChangePercent, locale), measured: i.measured })}
                      </strong>
                    </li>
                  ))}
              </ul>
              <ImpactTable rows={impact.data.indicators} caption={t('imp.title')} />
            </>
          )}
          {impact.data.originResults.length > 0 && <OriginResultsTable rows={impact.data.originResults} />}
        </>
      )}
    </section>
  );
}

/** Indicators with their median change; with `innovations` the statistics' cross-innovation view. */
export function ImpactTable({ rows, caption }: { rows: ImpactIndicator[]; caption: string }) {
  const { t, locale } = useI18n();
  const across = rows.some((r) => r.innovations !== undefined);
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('imp.indicator')}</th>
            {across && <th scope="col">{t('imp.innovations')}</th>}
            <th scope="col">{t('imp.replications')}</th>
            <th scope="col">{t('imp.measured')}</th>
            <th scope="col">{t('imp.median')}</th>
            <th scope="col">{t('imp.improvedCount')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.name}|${r.unit}|${r.direction}`}>
              <td>
                {r.name} ({r.unit})
              </td>
              {across && <td>{r.innovations}</td>}
              <td>{r.replications}</td>
              <td>{r.measured}</td>
              <td>{formatPercent(r.medianChangePercent, locale)}</td>
              <td>{formatNumber(r.improved, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
