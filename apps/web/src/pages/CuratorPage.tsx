import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { call } from '../api/client';
import { useInnovation } from '../api/hooks';
import type { InnovationList } from '../api/types';
import { ImportPanel } from '../components/curator/ImportPanel';
import { InnovationForm } from '../components/curator/InnovationForm';
import { StatsPanel } from '../components/curator/StatsPanel';
import { LazyCampaigns } from '../components/evidence/lazy';
import '../components/part2/part2.css';
import { RoleGuard } from '../components/part2/Guard';
import { Tabs, tabPanelProps } from '../components/part2/Tabs';
import { Loading } from '../components/States';
import { useTitle } from '../components/useTitle';
import { useI18n } from '../i18n/i18n';

type Tab = 'innovations' | 'import' | 'stats' | 'campaigns';

/** Kurator (/kurator?tab=&edit=): innovation create/edit, bulk import with its report, statistics. */
export function CuratorPage() {
  const { t } = useI18n();
  useTitle(t('cur.title'));
  return (
    <RoleGuard roles={['curator', 'admin']} message={t('cur.onlyCurators')}>
      <Curator />
    </RoleGuard>
  );
}

function Curator() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = (params.get('tab') as Tab | null) ?? 'innovations';
  return (
    <div className="page">
      <h1>{t('cur.title')}</h1>
      <Tabs
        label={t('cur.tabs')}
        idPrefix="cur"
        value={tab}
        onChange={(k) => setParams({ tab: k })}
        tabs={[
          { key: 'innovations', label: t('cur.innovations') },
          { key: 'import', label: t('cur.import') },
          { key: 'stats', label: t('cur.stats') },
          { key: 'campaigns', label: t('camp.tab') },
        ]}
      />
      <div {...tabPanelProps('cur', tab)}>
        {tab === 'innovations' ? (
          <Innovations />
        ) : tab === 'import' ? (
          <ImportPanel />
        ) : tab === 'campaigns' ? (
          <LazyCampaigns />
        ) : (
          <StatsPanel />
        )}
      </div>
    </div>
  );
}

function Innovations() {
  const { t } = useI18n();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const editId = params.get('edit') ?? undefined;
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['innovations', 'curator', q],
    queryFn: () => call<InnovationList>('innovations', { query: { q: q || undefined, limit: 10 } }),
  });
  const editing = useInnovation(editId);
  return (
    <div className="grid-2 wide-left">
      <section aria-labelledby={`${id}-form`}>
        <h2 id={`${id}-form`}>{editId ? t('cur.editInnovation', { title: editing.data?.title ?? '…' }) : t('cur.newInnovation')}</h2>
        {editId && editing.isPending ? (
          <Loading />
        ) : (
          <InnovationForm key={editId ?? 'new'} innovation={editId ? editing.data : undefined} />
        )}
      </section>
      <aside className="card" aria-labelledby={`${id}-find`}>
        <h2 id={`${id}-find`}>{t('cur.findToEdit')}</h2>
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('adm.search')}</label>
          <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <ul className="list">
          {found.data?.items.map((i) => (
            <li key={i.id} className="row-between">
              <Link to={`/inovasi/${i.id}`}>{i.title}</Link>
              <button
                type="button"
                className="btn btn-small"
                aria-label={`${t('cur.edit')}: ${i.title}`}
                onClick={() => setParams({ tab: 'innovations', edit: i.id })}
              >
                {t('cur.edit')}
              </button>
            </li>
          ))}
        </ul>
        {editId && (
          <button type="button" className="btn" onClick={() => setParams({ tab: 'innovations' })}>
            {t('cur.newInnovation')}
          </button>
        )}
      </aside>
    </div>
  );
}
