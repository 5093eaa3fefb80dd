import { lazy, Suspense } from 'react';
import { useI18n } from '../../i18n/i18n';
import { Loading } from '../States';
import type { Datum } from './Charts';

// recharts is large: its own chunk, loaded by the screens that chart.
const Charts = lazy(() =>
  import('./Charts').then((m) => ({
    default: (p: { kind: 'bars' | 'line'; data: Datum[]; title: string }) =>
      p.kind === 'bars' ? <m.RankedBars data={p.data} title={p.title} /> : <m.TimeLine data={p.data} title={p.title} />,
  })),
);

/** A titled chart with its data as a table below (the chart is a picture; the table is the data). */
export function ChartBlock({
  title,
  data,
  kind = 'bars',
  keyLabel,
  valueLabel,
}: {
  title: string;
  data: Datum[];
  kind?: 'bars' | 'line';
  keyLabel: string;
  valueLabel: string;
}) {
  const { t } = useI18n();
  return (
    <section className="card">
      <h2>{title}</h2>
      {data.length === 0 ? (
        <p className="muted">{t('cur.noData')}</p>
      ) : (
        <>
          <Suspense fallback={<Loading />}>
            <Charts kind={kind} data={data} title={title} />
          </Suspense>
          <details>
            <summary>{t('cur.showTable')}</summary>
            <table className="table">
              <caption className="sr-only">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{keyLabel}</th>
                  <th scope="col">{valueLabel}</th>
                </tr>
              </thead>
              <tbody>
                {data.map((d) => (
                  <tr key={d.label}>
                    <td>{d.label}</td>
                    <td>{d.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </section>
  );
}
