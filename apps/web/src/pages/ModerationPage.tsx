import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { call } from '../api/client';
import { useAuth } from '../auth/session';
import { AuditLog } from '../components/moderation/AuditLog';
import { QueueItem, type QueueEntry } from '../components/moderation/QueueItem';
import '../components/part2/part2.css';
import { RoleGuard } from '../components/part2/Guard';
import { Tabs, tabPanelProps } from '../components/part2/Tabs';
import { ErrorBox, Loading } from '../components/States';
import { useTitle } from '../components/useTitle';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

const STATUSES = ['unresolved', 'open', 'claimed', 'resolved'] as const;

/** Moderasi (/moderasi): the report queue by weight, with suspensions per author, and the audit log. */
export function ModerationPage() {
  const { t } = useI18n();
  useTitle(t('mod.title'));
  return (
    <RoleGuard roles={['moderator', 'admin']} message={t('modr.onlyModerators')}>
      <Moderation />
    </RoleGuard>
  );
}

function Moderation() {
  const { t } = useI18n();
  const { me } = useAuth();
  const id = useId();
  const [tab, setTab] = useState<'queue' | 'audit'>('queue');
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('unresolved');
  const queue = useQuery({
    queryKey: ['modQueue', status],
    queryFn: () => call<{ items: QueueEntry[] }>('modQueue', { query: { status } }),
    refetchInterval: 20_000,
    enabled: tab === 'queue',
  });
  return (
    <div className="page">
      <h1>{t('mod.title')}</h1>
      <Tabs
        label={t('modr.tabs')}
        idPrefix="mod"
        value={tab}
        onChange={(k) => setTab(k as 'queue' | 'audit')}
        tabs={[
          { key: 'queue', label: t('modr.queue') },
          { key: 'audit', label: t('modr.audit') },
        ]}
      />
      {tab === 'queue' ? (
        <div {...tabPanelProps('mod', 'queue')}>
          <div className="row-between">
            <p className="muted">{t('modr.queueHint')}</p>
            <div className="field">
              <label htmlFor={`${id}-status`}>{t('modr.status')}</label>
              <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as (typeof STATUSES)[number])}>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`modr.status.${s}` as MessageKey)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {queue.isPending ? (
            <Loading />
          ) : queue.error ? (
            <ErrorBox error={queue.error} />
          ) : queue.data.items.length === 0 ? (
            <p className="alert alert-info">{t('modr.empty')}</p>
          ) : (
            <ul className="list-plain" aria-label={t('modr.queue')}>
              {queue.data.items.map((item) => (
                <QueueItem key={item.id} item={item} meId={me?.id ?? ''} />
              ))}
            </ul>
          )}
        </div>
      ) : (
        <div {...tabPanelProps('mod', 'audit')}>
          <AuditLog />
        </div>
      )}
    </div>
  );
}
