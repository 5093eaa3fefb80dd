import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, call } from '../../api/client';
import type { Innovation } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { errorText, pageItems } from '../part2/errors';

interface Agency {
  id: string;
  name: string;
  units?: { id: string; name: string }[];
}

const SOURCES = ['KIPP', 'IGA', 'INNOLAND', 'OTHER'] as const;
const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** Create (no `innovation`) or edit an innovation; the origin unit is chosen agency first. */
export function InnovationForm({ innovation, onSaved }: { innovation?: Innovation; onSaved?(i: Innovation): void }) {
  const { t } = useI18n();
  const id = useId();
  const qc = useQueryClient();
  const [f, setF] = useState(() => ({
    title: innovation?.title ?? '',
    summary: innovation?.summary ?? '',
    description: innovation?.description ?? '',
    agencyId: innovation?.agency.id ?? '',
    unitId: innovation?.unitId ?? '',
    source: innovation?.source ?? 'KIPP',
    year: String(innovation?.year ?? new Date().getFullYear()),
    sector: innovation?.sector ?? '',
    regionCode: innovation?.regionCode ?? '',
    tags: innovation?.tags.join(', ') ?? '',
    sdgs: innovation?.sdgs.join(', ') ?? '',
    digital: innovation?.digital ?? false,
  }));
  useEffect(() => {
    if (innovation) setF((x) => ({ ...x, agencyId: innovation.agency.id, unitId: innovation.unitId }));
  }, [innovation]);
  const agencies = useQuery({
    queryKey: ['agencies'],
    queryFn: async () => pageItems(await call<Agency[] | { items: Agency[] }>('agencies', { query: { limit: 100 } })),
    staleTime: 300_000,
  });
  const agency = useQuery({
    queryKey: ['agency', f.agencyId],
    queryFn: () => call<Agency>('agency', { params: { id: f.agencyId } }),
    enabled: !!f.agencyId,
  });
  const save = useMutation({
    mutationFn: () => {
      const body = {
        title: f.title.trim(),
        summary: f.summary.trim(),
        source: f.source,
        year: Number(f.year),
        ...(f.description.trim() ? { description: f.description.trim() } : innovation ? { description: null } : {}),
        ...(f.sector.trim() ? { sector: f.sector.trim() } : innovation ? { sector: null } : {}),
        ...(f.regionCode.trim() ? { regionCode: f.regionCode.trim() } : innovation ? { regionCode: null } : {}),
        tags: list(f.tags),
        sdgs: list(f.sdgs).map(Number),
        digital: f.digital,
      };
      return innovation
        ? call<Innovation>('updateInnovation', { params: { id: innovation.id }, body })
        : call<Innovation>('createInnovation', { body: { ...body, unitId: f.unitId } });
    },
    onSuccess: (i) => {
      void qc.invalidateQueries({ queryKey: ['innovation', i.id] });
      void qc.invalidateQueries({ queryKey: ['innovations'] });
      onSaved?.(i);
    },
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const field = (k: 'title' | 'sector' | 'regionCode' | 'tags' | 'sdgs', type = 'text') => (
    <div className="field">
      <label htmlFor={`${id}-${k}`}>{t(`cur.field.${k}` as MessageKey)}</label>
      <input id={`${id}-${k}`} type={type} value={f[k]} onChange={set(k)} required={k === 'title'} />
    </div>
  );
  const details =
    save.error instanceof ApiError && Array.isArray(save.error.details)
      ? (save.error.details as { field?: string; message?: string }[])
      : [];
  return (
    <form
      className="form card"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      {field('title')}
      <div className="field">
        <label htmlFor={`${id}-summary`}>{t('cur.field.summary')}</label>
        <textarea id={`${id}-summary`} rows={3} value={f.summary} onChange={set('summary')} required />
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>{t('cur.field.description')}</label>
        <textarea id={`${id}-description`} rows={5} value={f.description} onChange={set('description')} />
      </div>
      {!innovation && (
        <div className="row wrap">
          <div className="field grow">
            <label htmlFor={`${id}-agency`}>{t('adm.agencyName')}</label>
            <select id={`${id}-agency`} value={f.agencyId} onChange={(e) => setF({ ...f, agencyId: e.target.value, unitId: '' })} required>
              <option value="">{t('cur.chooseUnit')}</option>
              {agencies.data?.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field grow">
            <label htmlFor={`${id}-unit`}>{t('cur.field.unitId')}</label>
            <select id={`${id}-unit`} value={f.unitId} onChange={set('unitId')} required disabled={!agency.data}>
              <option value="">{t('cur.chooseUnit')}</option>
              {agency.data?.units?.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
      <div className="row wrap">
        <div className="field">
          <label htmlFor={`${id}-source`}>{t('cur.field.source')}</label>
          <select id={`${id}-source`} value={f.source} onChange={set('source')}>
            {SOURCES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-year`}>{t('cur.field.year')}</label>
          <input id={`${id}-year`} type="number" min={1990} max={2100} value={f.year} onChange={set('year')} required />
        </div>
      </div>
      {field('sector')}
      {field('regionCode')}
      {field('tags')}
      {field('sdgs')}
      <label className="radio">
        <input type="checkbox" checked={f.digital} onChange={(e) => setF({ ...f, digital: e.target.checked })} />
        {t('cur.field.digital')}
      </label>
      <div>
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {t('common.save')}
        </button>
      </div>
      {save.isSuccess && (
        <p role="status" className="alert alert-success">
          {t('cur.saved')} <Link to={`/inovasi/${save.data.id}`}>{t('cur.createdLink')}</Link>
        </p>
      )}
      {save.error && (
        <div role="alert" className="alert alert-error">
          <p>{save.error instanceof ApiError ? save.error.message : errorText(save.error)}</p>
          {details.length > 0 && (
            <ul>
              {details.map((d, i) => (
                <li key={i}>{t('cur.fieldError', { field: d.field ?? '', message: d.message ?? '' })}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
