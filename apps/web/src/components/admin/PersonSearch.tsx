import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { searchPeople, type PersonHit } from '../../api/raw';
import { useI18n } from '../../i18n/i18n';

/** Finds people by name (`GET /api/users?q=`); says so when this server cannot search people yet. */
export function PersonSearch({ onPick, label }: { onPick(p: PersonHit): void; label?: string }) {
  const { t } = useI18n();
  const id = useId();
  const [q, setQ] = useState('');
  const hits = useQuery({ queryKey: ['people', q], queryFn: () => searchPeople(q), enabled: q.trim().length >= 2 });
  return (
    <div>
      <div className="field">
        <label htmlFor={`${id}-q`}>{label ?? t('adm.userSearch')}</label>
        <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      </div>
      {hits.data === null && <p className="muted small">{t('adm.noUserSearch')}</p>}
      {hits.data && hits.data.length === 0 && <p className="muted small">{t('adm.noResults')}</p>}
      {hits.data && hits.data.length > 0 && (
        <ul className="list">
          {hits.data.map((p) => (
            <li key={p.id} className="row-between">
              <span>
                {p.name}
                {p.units?.[0] && <span className="muted small"> — {p.units[0].name}</span>}
              </span>
              <button type="button" className="btn btn-small" onClick={() => onPick(p)}>
                {t('adm.person')}: {p.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
