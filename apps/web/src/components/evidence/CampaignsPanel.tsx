import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Link } from 'react-router';
import { call } from '../../api/client';
import {
  INNOVATION_STAGES,
  SUSTAINABILITY_STATUSES,
  type Campaign,
  type CampaignFilter,
  type CampaignItem,
} from '../../api/evidence-types';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { errorText } from '../part2/errors';
import { ErrorBox, Loading } from '../States';
import './evidence.css';

const SOURCES = ['KIPP', 'IGA', 'INNOLAND', 'OTHER'];

/** Kurator — pemutakhiran data: start a campaign over a filter, follow each campaign's progress. */
export default function CampaignsPanel() {
  const [params] = useSearchParams();
  const open = params.get('kampanye');
  return open ? <CampaignDetail id={open} /> : <CampaignList />;
}

function Progress({ c }: { c: Campaign }) {
  const { t } = useI18n();
  const p = c.progress;
  const pct = p.total ? Math.round((p.confirmed / p.total) * 100) : 0;
  const label = t('camp.progress', p);
  return (
    <>
      <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label={label}>
        <span style={{ width: `${pct}%` }} />
      </div>
      <p className="small">
        {label}. {t('camp.progressDetail', p)}
      </p>
    </>
  );
}

function CampaignList() {
  const { t, formatDate } = useI18n();
  const list = useQuery({ queryKey: ['campaigns'], queryFn: () => call<{ items: Campaign[] }>('campaigns') });
  return (
    <div className="grid-2 wide-left">
      <section aria-labelledby="h-camp-list">
        <h2 id="h-camp-list">{t('camp.list')}</h2>
        {list.isPending ? (
          <Loading />
        ) : list.error ? (
          <ErrorBox error={list.error} />
        ) : list.data.items.length === 0 ? (
          <p className="muted">{t('camp.none')}</p>
        ) : (
          <ul className="list-plain">
            {list.data.items.map((c) => (
              <li key={c.id} className="card">
                <h3>
                  <Link to={`/kurator?tab=campaigns&kampanye=${c.id}`} aria-label={t('camp.open', { title: c.title })}>
                    {c.title}
                  </Link>
                </h3>
                <p className="small muted">
                  {t('camp.deadline', { date: formatDate(c.deadline, true) })}
                  {c.closedAt && `, ${t('camp.closed', { date: formatDate(c.closedAt, true) })}`}
                </p>
                <Progress c={c} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <NewCampaign />
    </div>
  );
}

function NewCampaign() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const id = useId();
  const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  const [title, setTitle] = useState('');
  const [deadline, setDeadline] = useState(inTwoWeeks);
  const [remind, setRemind] = useState('3');
  const [f, setF] = useState<Record<keyof CampaignFilter, string>>({
    source: '',
    year: '',
    regionCode: '',
    sector: '',
    stage: '',
    sustainability: '',
    verifiedBefore: '',
  });
  const set = (k: keyof CampaignFilter) => (e: { target: { value: string } }) => setF((old) => ({ ...old, [k]: e.target.value }));
  const start = useMutation({
    mutationFn: () => {
      const filter: CampaignFilter = {};
      if (f.source) filter.source = f.source;
      if (f.year) filter.year = Number(f.year);
      if (f.regionCode.trim()) filter.regionCode = f.regionCode.trim();
      if (f.sector.trim()) filter.sector = f.sector.trim();
      if (f.stage) filter.stage = f.stage;
      if (f.sustainability) filter.sustainability = f.sustainability;
      if (f.verifiedBefore) filter.verifiedBefore = new Date(`${f.verifiedBefore}T00:00:00`).toISOString();
      return call<Campaign>('createCampaign', {
        body: {
          title: title.trim(),
          // The end of the chosen day, local time.
          deadline: new Date(`${deadline}T23:59:59`).toISOString(),
          remindDaysBefore: Number(remind),
          filter,
        },
      });
    },
    onSuccess: () => {
      setTitle('');
      void qc.invalidateQueries({ queryKey: ['campaigns'] });
    },
  });
  const select = (k: keyof CampaignFilter, label: MessageKey, options: { value: string; label: string }[]) => (
    <div className="field">
      <label htmlFor={`${id}-${k}`}>{t(label)}</label>
      <select id={`${id}-${k}`} value={f[k]} onChange={set(k)}>
        <option value="">{t('camp.any')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form
      className="card stack"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        start.mutate();
      }}
    >
      <h2 id={`${id}-h`}>{t('camp.new')}</h2>
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('camp.field.title')}</label>
        <input id={`${id}-title`} required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="row wrap">
        <div className="field">
          <label htmlFor={`${id}-deadline`}>{t('camp.field.deadline')}</label>
          <input id={`${id}-deadline`} type="date" required value={deadline} onChange={(e) => setDeadline(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-remind`}>{t('camp.field.remind')}</label>
          <input id={`${id}-remind`} type="number" min={0} max={60} value={remind} onChange={(e) => setRemind(e.target.value)} />
        </div>
      </div>
      <fieldset>
        <legend>{t('camp.filter')}</legend>
        <div className="row wrap">
          {select(
            'source',
            'camp.field.source',
            SOURCES.map((s) => ({ value: s, label: s })),
          )}
          <div className="field">
            <label htmlFor={`${id}-year`}>{t('camp.field.year')}</label>
            <input id={`${id}-year`} type="number" min={1900} max={2100} value={f.year} onChange={set('year')} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-region`}>{t('camp.field.region')}</label>
            <input id={`${id}-region`} pattern="\d{2}(\.\d{2})?" value={f.regionCode} onChange={set('regionCode')} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-sector`}>{t('camp.field.sector')}</label>
            <input id={`${id}-sector`} maxLength={200} value={f.sector} onChange={set('sector')} />
          </div>
          {select(
            'stage',
            'camp.field.stage',
            INNOVATION_STAGES.map((s) => ({ value: s, label: t(`istage.${s}`) })),
          )}
          {select(
            'sustainability',
            'camp.field.sustainability',
            SUSTAINABILITY_STATUSES.map((s) => ({ value: s, label: t(`sust.${s}`) })),
          )}
          <div className="field">
            <label htmlFor={`${id}-vb`}>{t('camp.field.verifiedBefore')}</label>
            <input id={`${id}-vb`} type="date" value={f.verifiedBefore} onChange={set('verifiedBefore')} />
          </div>
        </div>
      </fieldset>
      <div>
        <button type="submit" className="btn btn-primary" disabled={start.isPending}>
          {t('camp.start')}
        </button>
      </div>
      {start.isSuccess && (
        <p className="alert alert-success" role="status">
          {t('camp.started', { n: start.data.progress.total })}
        </p>
      )}
      {start.error && (
        <p className="alert alert-error" role="alert">
          {errorText(start.error)}
        </p>
      )}
    </form>
  );
}

function CampaignDetail({ id }: { id: string }) {
  const { t, formatDate } = useI18n();
  const c = useQuery({ queryKey: ['campaign', id], queryFn: () => call<Campaign>('campaign', { params: { id } }) });
  const items = useQuery({
    queryKey: ['campaign', id, 'items'],
    queryFn: () => call<{ items: CampaignItem[]; total: number }>('campaignItems', { params: { id }, query: { limit: 500 } }),
  });
  if (c.isPending) return <Loading />;
  if (c.error) return <ErrorBox error={c.error} />;
  return (
    <section aria-labelledby="h-camp">
      <p>
        <Link to="/kurator?tab=campaigns">{t('camp.backToList')}</Link>
      </p>
      <h2 id="h-camp">{c.data.title}</h2>
      <p className="small muted">{t('camp.deadline', { date: formatDate(c.data.deadline, true) })}</p>
      <Progress c={c.data} />
      {items.isPending ? (
        <Loading />
      ) : items.error ? (
        <ErrorBox error={items.error} />
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('camp.items')}>
          <table className="table">
            <caption>{t('camp.items')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('camp.innovation')}</th>
                <th scope="col">{t('camp.unit')}</th>
                <th scope="col">{t('camp.status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.data.items.map((i) => (
                <tr key={i.innovationId}>
                  <td>
                    <Link to={`/inovasi/${i.innovationId}`}>{i.innovationTitle}</Link>
                  </td>
                  <td>{i.unitName}</td>
                  <td>
                    {t(`camp.status.${i.status}`)}
                    {i.confirmedAt && <span className="small muted"> ({formatDate(i.confirmedAt, true)})</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
