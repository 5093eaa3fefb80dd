import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useId, useState } from 'react';
import { call } from '../../api/client';
import type { Impact, Indicator, Measurement, OriginResult } from '../../api/evidence-types';
import type { Replication } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { errorText } from '../part2/errors';
import { ErrorBox, Loading } from '../States';
import { formatNumber, formatPercent, today, useEvidenceAccess } from './access';
import { OriginResultsTable } from './OriginResultsTable';
import { uploadEvidence } from './upload';

// recharts is large: its own chunk, loaded when an indicator is shown.
const IndicatorChart = lazy(() => import('./IndicatorChart'));

const sameName = (a: string, b: string) => a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();

/** Indikator dampak: before/after figures of the replication, charted, beside the origin's own results. */
export function IndicatorsPanel({ replication }: { replication: Replication }) {
  const { t } = useI18n();
  const { canEdit } = useEvidenceAccess(replication);
  const list = useQuery({
    queryKey: ['indicators', replication.id],
    queryFn: () => call<{ items: Indicator[] }>('indicators', { params: { id: replication.id } }),
  });
  const impact = useQuery({
    queryKey: ['impact', replication.innovationId],
    queryFn: () => call<Impact>('impact', { params: { id: replication.innovationId } }),
  });
  const origin = impact.data?.originResults ?? [];
  return (
    <section className="card" aria-labelledby="h-indicators">
      <h2 id="h-indicators">{t('ind.title')}</h2>
      <p className="muted small">{t('ind.intro')}</p>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <ErrorBox error={list.error} />
      ) : list.data.items.length === 0 ? (
        <p className="muted">{t('ind.none')}</p>
      ) : (
        list.data.items.map((ind) => (
          <IndicatorView
            key={ind.id}
            indicator={ind}
            origin={origin.find((o) => sameName(o.name, ind.name) && o.unit.trim() === ind.unit.trim())}
            replicationId={replication.id}
            canEdit={canEdit}
          />
        ))
      )}
      {origin.length > 0 && (
        <>
          <h3>{t('ind.originResults')}</h3>
          <OriginResultsTable rows={origin} hiddenCaption />
        </>
      )}
      {canEdit && <AddIndicator replicationId={replication.id} />}
    </section>
  );
}

function IndicatorView({
  indicator: ind,
  origin,
  replicationId,
  canEdit,
}: {
  indicator: Indicator;
  origin: OriginResult | undefined;
  replicationId: string;
  canEdit: boolean;
}) {
  const { t, locale, formatDate } = useI18n();
  const id = useId();
  const rows: { kind: 'baseline' | 'measurement'; at: string; value: number; m?: Measurement }[] = [
    { kind: 'baseline', at: ind.baseline.at, value: ind.baseline.value },
    ...ind.measurements.map((m) => ({ kind: 'measurement' as const, at: m.at, value: m.value, m })),
  ];
  const points = rows.map((r) => ({ label: formatDate(r.at), value: r.value }));
  return (
    <article className="indicator" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>
        {ind.name} ({ind.unit})
      </h3>
      <dl className="details">
        <div>
          <dt>{t('ind.baseline')}</dt>
          <dd>
            {t('ind.baselineLine', {
              value: formatNumber(ind.baseline.value, locale),
              unit: ind.unit,
              date: formatDate(ind.baseline.at),
              source: ind.baseline.source ? `, ${ind.baseline.source}` : '',
            })}
          </dd>
        </div>
        {ind.target !== undefined && (
          <div>
            <dt>{t('ind.target')}</dt>
            <dd>
              {formatNumber(ind.target, locale)} {ind.unit}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('ind.direction')}</dt>
          <dd>{t(`ind.dir.${ind.direction}` as MessageKey)}</dd>
        </div>
        {ind.latest && (
          <div>
            <dt>{t('ind.latest')}</dt>
            <dd>
              {formatNumber(ind.latest.value, locale)} {ind.unit} — {t('ind.change')} {formatPercent(ind.changePercent, locale)}
              {ind.improved !== null && (
                <span className={`tag ${ind.improved ? 'tag-ok' : 'tag-bad'}`}>{ind.improved ? t('ind.improved') : t('ind.worsened')}</span>
              )}
            </dd>
          </div>
        )}
        {origin && (
          <div>
            <dt>{t('ind.origin')}</dt>
            <dd>
              {t('ind.originLine', {
                before: formatNumber(origin.before, locale),
                after: formatNumber(origin.after, locale),
                unit: origin.unit,
                change: formatPercent(origin.changePercent, locale),
              })}
            </dd>
          </div>
        )}
      </dl>
      <div className="grid-2">
        <Suspense fallback={<Loading />}>
          <IndicatorChart
            points={points}
            baseline={ind.baseline.value}
            target={ind.target}
            title={t('ind.chart', { name: ind.name })}
            baselineLabel={t('ind.baseline')}
            targetLabel={t('ind.target')}
          />
        </Suspense>
        <table className="table">
          <caption>{t('ind.table', { name: ind.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ind.date')}</th>
              <th scope="col">{t('ind.value', { unit: ind.unit })}</th>
              <th scope="col">{t('ind.kind')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, n) => (
              <tr key={n}>
                <td>
                  <time dateTime={r.at}>{formatDate(r.at)}</time>
                </td>
                <td>{formatNumber(r.value, locale)}</td>
                <td>{t(`ind.kind.${r.kind}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canEdit && <AddMeasurement indicator={ind} replicationId={replicationId} />}
    </article>
  );
}

function AddMeasurement({ indicator, replicationId }: { indicator: Indicator; replicationId: string }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const id = useId();
  const [value, setValue] = useState('');
  const [at, setAt] = useState(today());
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const add = useMutation({
    mutationFn: async () => {
      const attachmentId = file ? (await uploadEvidence(replicationId, file)).id : undefined;
      return call<Measurement>('addMeasurement', {
        params: { id: indicator.id },
        body: { value: Number(value), at, ...(attachmentId ? { attachmentId } : {}) },
      });
    },
    onSuccess: () => {
      setValue('');
      setFile(null);
      setFileKey((k) => k + 1);
      void qc.invalidateQueries({ queryKey: ['indicators', replicationId] });
    },
  });
  return (
    <form
      className="stack"
      aria-label={t('ind.measureFor', { name: indicator.name })}
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
    >
      <div className="row wrap">
        <div className="field">
          <label htmlFor={`${id}-v`}>{t('ind.field.value', { unit: indicator.unit })}</label>
          <input id={`${id}-v`} type="number" step="any" required value={value} onChange={(e) => setValue(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-at`}>{t('ind.field.at')}</label>
          <input id={`${id}-at`} type="date" required max={today()} value={at} onChange={(e) => setAt(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-f`}>{t('ind.field.evidence')}</label>
          <input key={fileKey} id={`${id}-f`} type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
      </div>
      <div>
        <button type="submit" className="btn" disabled={add.isPending}>
          {t('ind.measure')}
        </button>
      </div>
      {add.isSuccess && (
        <p className="alert alert-success" role="status">
          {t('ind.measured')}
        </p>
      )}
      {add.error && (
        <p className="alert alert-error" role="alert">
          {errorText(add.error)}
        </p>
      )}
    </form>
  );
}

function AddIndicator({ replicationId }: { replicationId: string }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const id = useId();
  const empty = { name: '', unit: '', direction: 'lower', baseline: '', baselineAt: today(), source: '', target: '' };
  const [f, setF] = useState(empty);
  const set = (k: keyof typeof empty) => (e: { target: { value: string } }) => setF((old) => ({ ...old, [k]: e.target.value }));
  const add = useMutation({
    mutationFn: () =>
      call<Indicator>('addIndicator', {
        params: { id: replicationId },
        body: {
          name: f.name.trim(),
          unit: f.unit.trim(),
          direction: f.direction,
          baseline: { value: Number(f.baseline), at: f.baselineAt, ...(f.source.trim() ? { source: f.source.trim() } : {}) },
          ...(f.target.trim() ? { target: Number(f.target) } : {}),
        },
      }),
    onSuccess: () => {
      setF(empty);
      void qc.invalidateQueries({ queryKey: ['indicators', replicationId] });
    },
  });
  const field = (k: keyof typeof empty, label: MessageKey, props: Record<string, unknown> = {}) => (
    <div className="field">
      <label htmlFor={`${id}-${k}`}>{t(label)}</label>
      <input id={`${id}-${k}`} value={f[k]} onChange={set(k)} {...props} />
    </div>
  );
  return (
    <form
      className="stack indicator"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
    >
      <h3 id={`${id}-h`}>{t('ind.addTitle')}</h3>
      <div className="row wrap">
        {field('name', 'ind.field.name', { required: true, maxLength: 120 })}
        {field('unit', 'ind.field.unit', { required: true, maxLength: 40 })}
        <div className="field">
          <label htmlFor={`${id}-direction`}>{t('ind.field.direction')}</label>
          <select id={`${id}-direction`} value={f.direction} onChange={set('direction')}>
            <option value="lower">{t('ind.dir.lower')}</option>
            <option value="higher">{t('ind.dir.higher')}</option>
          </select>
        </div>
      </div>
      <div className="row wrap">
        {field('baseline', 'ind.field.baseline', { required: true, type: 'number', step: 'any' })}
        {field('baselineAt', 'ind.field.baselineAt', { required: true, type: 'date', max: today() })}
        {field('source', 'ind.field.source', { maxLength: 300 })}
        {field('target', 'ind.field.target', { type: 'number', step: 'any' })}
      </div>
      <div>
        <button type="submit" className="btn" disabled={add.isPending}>
          {t('ind.add')}
        </button>
      </div>
      {add.isSuccess && (
        <p className="alert alert-success" role="status">
          {t('ind.added')}
        </p>
      )}
      {add.error && (
        <p className="alert alert-error" role="alert">
          {errorText(add.error)}
        </p>
      )}
    </form>
  );
}
