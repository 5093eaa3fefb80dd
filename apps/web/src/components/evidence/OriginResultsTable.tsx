import type { OriginResult } from '../../api/evidence-types';
import { useI18n } from '../../i18n/i18n';
import { formatNumber, formatPercent } from './access';

/** The origin innovation's own reported results (before, after, change), on the innovation and replication pages. */
export function OriginResultsTable({ rows, hiddenCaption }: { rows: OriginResult[]; hiddenCaption?: boolean }) {
  const { t, locale } = useI18n();
  return (
    <table className="table">
      <caption className={hiddenCaption ? 'sr-only' : undefined}>{t('ind.originResults')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('imp.indicator')}</th>
          <th scope="col">{t('ind.before')}</th>
          <th scope="col">{t('ind.after')}</th>
          <th scope="col">{t('ind.change')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((o) => (
          <tr key={o.id}>
            <td>
              {o.name} ({o.unit})
            </td>
            <td>{formatNumber(o.before, locale)}</td>
            <td>{formatNumber(o.after, locale)}</td>
            <td>{formatPercent(o.changePercent, locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
