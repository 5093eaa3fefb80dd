import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { PersonHit } from '../api/raw';
import { AgenciesPanel } from '../components/admin/AgenciesPanel';
import { MembersPanel } from '../components/admin/MembersPanel';
import { RolesPanel } from '../components/admin/RolesPanel';
import { InvitationsPanel } from '../components/people/InvitationsPanel';
import '../components/part2/part2.css';
import { RoleGuard } from '../components/part2/Guard';
import { Tabs, tabPanelProps } from '../components/part2/Tabs';
import { useTitle } from '../components/useTitle';
import { useI18n } from '../i18n/i18n';

type Tab = 'agencies' | 'members' | 'roles';

/** Admin (/admin?tab=&unit=): agencies and units, unit members and their roles, platform roles. */
export function AdminPage() {
  const { t } = useI18n();
  useTitle(t('adm.title'));
  return (
    <RoleGuard roles={['admin']} message={t('adm.onlyAdmins')}>
      <Admin />
    </RoleGuard>
  );
}

function Admin() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const tab = (params.get('tab') as Tab | null) ?? 'agencies';
  const unitId = params.get('unit');
  const [person, setPerson] = useState<PersonHit | null>(null);
  const go = (next: Record<string, string>) => setParams({ ...Object.fromEntries(params), ...next });
  return (
    <div className="page">
      <h1>{t('adm.title')}</h1>
      <Tabs
        label={t('adm.tabs')}
        idPrefix="adm"
        value={tab}
        onChange={(k) => go({ tab: k })}
        tabs={[
          { key: 'agencies', label: t('adm.agencies') },
          { key: 'members', label: t('adm.members') },
          { key: 'roles', label: t('adm.roles') },
        ]}
      />
      <div {...tabPanelProps('adm', tab)}>
        {tab === 'agencies' ? (
          <AgenciesPanel onManage={(u) => go({ tab: 'members', unit: u })} />
        ) : tab === 'members' ? (
          <>
            <MembersPanel
              unitId={unitId}
              onPickPerson={(p) => {
                setPerson(p);
                go({ tab: 'roles' });
              }}
            />
            {unitId && <InvitationsPanel unitId={unitId} />}
          </>
        ) : (
          <RolesPanel person={person} onPick={setPerson} />
        )}
      </div>
    </div>
  );
}
