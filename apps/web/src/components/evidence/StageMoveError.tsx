import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ApiError, call } from '../../api/client';
import type { MissingItem } from '../../api/evidence-types';
import type { Replication } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { errorText } from '../part2/errors';
import { useEvidenceAccess } from './access';

/**
 * A failed stage move. CHECKLIST_INCOMPLETE lists the required items still open; a curator may
 * then move anyway with a reason (recorded as a checklist override and in the stage history).
 */
export function StageMoveError({ error, replication, to }: { error: Error; replication: Replication; to: string | undefined }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const id = useId();
  const { isCurator } = useEvidenceAccess(replication);
  const [reason, setReason] = useState('');
  const override = useMutation({
    mutationFn: () =>
      call<Replication>('transition', { params: { id: replication.id }, body: { to, note: reason.trim(), override: true } }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['replication', replication.id] });
      void qc.invalidateQueries({ queryKey: ['replications'] });
      void qc.invalidateQueries({ queryKey: ['checklist', replication.id] });
    },
  });
  if (override.isSuccess)
    return (
      <p className="alert alert-success" role="status">
        {t('move.overridden', { stage: t(`stage.${to}` as MessageKey) })}
      </p>
    );
  if (!(error instanceof ApiError) || error.code !== 'CHECKLIST_INCOMPLETE' || !to)
    return (
      <p className="alert alert-error" role="alert">
        {error instanceof ApiError && error.status === 403 ? t('common.forbidden') : error.message}
      </p>
    );
  const missing = (Array.isArray(error.details) ? error.details : []) as MissingItem[];
  return (
    <div className="alert alert-error" role="alert" aria-labelledby={`${id}-h`}>
      <p id={`${id}-h`}>
        {t('move.incomplete', { stage: t(`stage.${to}` as MessageKey), from: t(`stage.${replication.stage}` as MessageKey) })}
      </p>
      <ul>
        {missing.map((m) => (
          <li key={m.id}>
            {m.title} {m.evidenceRequired && <span className="small">{t('move.needsEvidence')}</span>}
          </li>
        ))}
      </ul>
      {isCurator && (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim()) override.mutate();
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t('move.overrideReason')}</label>
            <textarea id={`${id}-reason`} rows={2} required maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <button type="submit" className="btn" disabled={override.isPending || !reason.trim()}>
            {t('move.override', { stage: t(`stage.${to}` as MessageKey) })}
          </button>
          {override.error && <p className="small">{errorText(override.error)}</p>}
        </form>
      )}
    </div>
  );
}
