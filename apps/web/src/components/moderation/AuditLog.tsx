import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { call } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { ErrorBox, Loading } from '../States';

interface AuditEntry {
  id: string;
  actor: { id: string; name: string } | null;
  action: string;
  targetType: string;
  targetId: string;
  reason: string | null;
  createdAt: string;
}

const ACTIONS = [
  'post.hide',
  'post.restore',
  'thread.lock',
  'thread.unlock',
  'thread.pin',
  'thread.unpin',
  'thread.slow_mode',
  'thread.answer',
  'user.suspend',
  'user.unsuspend',
  'queue.claim',
  'queue.resolve',
  'queue.release',
];

/** Log audit: every moderator action, newest first, filtered by action, actor and target. */
export function AuditLog() {
  const { t, formatDate } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState({ action: '', actorId: '', targetId: '' });
  const [filter, setFilter] = useState(draft);
  const q = useQuery({
    queryKey: ['modAudit', filter],
    queryFn: () => call<{ items: AuditEntry[] }>('modAudit', { query: { ...filter, limit: 100 } }),
  });
  return (
    <div>
      <form
        className="form form-inline card"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({ action: draft.action, actorId: draft.actorId.trim(), targetId: draft.targetId.trim() });
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-action`}>{t('modr.auditAction')}</label>
          <select id={`${id}-action`} value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })}>
            <option value="">{t('modr.any')}</option>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-actor`}>{t('modr.auditActor')}</label>
          <input id={`${id}-actor`} value={draft.actorId} onChange={(e) => setDraft({ ...draft, actorId: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-target`}>{t('modr.auditTarget')}</label>
          <input id={`${id}-target`} value={draft.targetId} onChange={(e) => setDraft({ ...draft, targetId: e.target.value })} />
        </div>
        <button type="submit" className="btn">
          {t('modr.auditFilter')}
        </button>
      </form>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorBox error={q.error} />
      ) : q.data.items.length === 0 ? (
        <p className="muted">{t('modr.auditEmpty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">{t('modr.audit')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('modr.auditWhen')}</th>
                <th scope="col">{t('modr.auditWho')}</th>
                <th scope="col">{t('modr.auditWhat')}</th>
                <th scope="col">{t('modr.auditOn')}</th>
                <th scope="col">{t('modr.auditReason')}</th>
              </tr>
            </thead>
            <tbody>
              {q.data.items.map((a) => (
                <tr key={a.id}>
                  <td>{formatDate(a.createdAt, true)}</td>
                  <td>{a.actor?.name ?? '—'}</td>
                  <td>
                    <code>{a.action}</code>
                  </td>
                  <td className="small">
                    {a.targetType} <code>{a.targetId.slice(0, 8)}</code>
                  </td>
                  <td>{a.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
