import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { call } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { errorText, pageItems } from '../part2/errors';
import { ErrorBox, Loading } from '../States';

export interface Agency {
  id: string;
  name: string;
  kind: string;
  regionCode: string | null;
  units?: { id: string; name: string }[];
}
export const AGENCY_KINDS = ['ministry', 'agency', 'province', 'regency', 'city', 'soe', 'other'] as const;

/** Instansi dan unit: search, add an agency, open one to see and add its units. */
export function AgenciesPanel({ onManage }: { onManage(unitId: string): void }) {
  const { t } = useI18n();
  const id = useId();
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<string>('regency');
  const [region, setRegion] = useState('');
  const agencies = useQuery({
    queryKey: ['agencies'],
    queryFn: async () => pageItems(await call<Agency[] | { items: Agency[] }>('agencies', { query: { limit: 100 } })),
  });
  const create = useMutation({
    mutationFn: () =>
      call<Agency>('createAgency', { body: { name: name.trim(), kind, ...(region.trim() ? { regionCode: region.trim() } : {}) } }),
    onSuccess: (a) => {
      setName('');
      setRegion('');
      setOpen(a.id);
      void qc.invalidateQueries({ queryKey: ['agencies'] });
    },
  });
  const needle = q.trim().toLowerCase();
  const shown = (agencies.data ?? []).filter(
    (a) => !needle || a.name.toLowerCase().includes(needle) || (a.regionCode ?? '').startsWith(needle),
  );
  return (
    <div className="grid-2 wide-left">
      <section>
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('adm.searchAgencies')}</label>
          <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        {agencies.isPending ? (
          <Loading />
        ) : agencies.error ? (
          <ErrorBox error={agencies.error} />
        ) : shown.length === 0 ? (
          <p className="muted">{t('adm.noResults')}</p>
        ) : (
          <ul className="list card">
            {shown.map((a) => (
              <li key={a.id}>
                <button
                  type="button"
                  className="linklike"
                  aria-expanded={open === a.id}
                  onClick={() => setOpen(open === a.id ? null : a.id)}
                >
                  <strong>{a.name}</strong>
                </button>{' '}
                <span className="muted small">
                  {t(`adm.kind.${a.kind}` as MessageKey)}
                  {a.regionCode ? ` · ${a.regionCode}` : ''}
                </span>
                {open === a.id && <Units agency={a} onManage={onManage} />}
              </li>
            ))}
          </ul>
        )}
      </section>
      <form
        className="form card"
        aria-labelledby={`${id}-new`}
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) create.mutate();
        }}
      >
        <h2 id={`${id}-new`}>{t('adm.newAgency')}</h2>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('adm.agencyName')}</label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('adm.kind')}</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value)}>
            {AGENCY_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`adm.kind.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-region`}>{t('adm.regionCode')}</label>
          <input id={`${id}-region`} value={region} onChange={(e) => setRegion(e.target.value)} />
        </div>
        <div>
          <button type="submit" className="btn btn-primary" disabled={!name.trim() || create.isPending}>
            {t('adm.create')}
          </button>
        </div>
        {create.isSuccess && (
          <p role="status" className="alert alert-success">
            {t('adm.created', { name: create.data.name })}
          </p>
        )}
        {create.error && (
          <p role="alert" className="alert alert-error">
            {errorText(create.error)}
          </p>
        )}
      </form>
    </div>
  );
}

function Units({ agency, onManage }: { agency: Agency; onManage(unitId: string): void }) {
  const { t } = useI18n();
  const id = useId();
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const detail = useQuery({ queryKey: ['agency', agency.id], queryFn: () => call<Agency>('agency', { params: { id: agency.id } }) });
  const add = useMutation({
    mutationFn: () => call('createUnit', { params: { id: agency.id }, body: { name: name.trim() } }),
    onSuccess: () => (setName(''), void qc.invalidateQueries({ queryKey: ['agency', agency.id] })),
  });
  return (
    <div className="units">
      <h3 className="small-heading">{t('adm.units')}</h3>
      <ul>
        {detail.data?.units?.map((u) => (
          <li key={u.id} className="row-between">
            <span>{u.name}</span>
            <button
              type="button"
              className="btn btn-small"
              aria-label={`${t('adm.manageMembers')}: ${u.name}`}
              onClick={() => onManage(u.id)}
            >
              {t('adm.manageMembers')}
            </button>
          </li>
        ))}
      </ul>
      <form
        className="form form-inline"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) add.mutate();
        }}
      >
        <div className="field grow">
          <label htmlFor={`${id}-unit`}>{t('adm.newUnit', { agency: agency.name })}</label>
          <input id={`${id}-unit`} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <button type="submit" className="btn btn-small" disabled={!name.trim() || add.isPending}>
          {t('adm.create')}
        </button>
      </form>
      {add.error && (
        <p role="alert" className="alert alert-error">
          {errorText(add.error)}
        </p>
      )}
    </div>
  );
}
