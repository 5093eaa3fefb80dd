import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ApiError, call } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { Dialog } from '../part2/Dialog';
import { errorText } from '../part2/errors';
import { FLAG_REASONS } from './model';

/** Lapor: a dialog with the contract's reasons and an optional note for the moderators. */
export function FlagDialog({ postId, onClose }: { postId: string | null; onClose(): void }) {
  const { t } = useI18n();
  const id = useId();
  const [reason, setReason] = useState<string>('spam');
  const [note, setNote] = useState('');
  const flag = useMutation({
    mutationFn: () => call('flagPost', { params: { id: postId! }, body: note.trim() ? { reason, note: note.trim() } : { reason } }),
  });
  const close = () => {
    flag.reset();
    setNote('');
    onClose();
  };
  const duplicate = flag.error instanceof ApiError && flag.error.status === 409;
  return (
    <Dialog title={t('disc.flagTitle')} open={!!postId} onClose={close}>
      {flag.isSuccess ? (
        <p role="status" className="alert alert-success">
          {t('disc.flagged')}
        </p>
      ) : (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            flag.mutate();
          }}
        >
          <fieldset className="facet">
            <legend>{t('disc.flagReason')}</legend>
            {FLAG_REASONS.map((r) => (
              <label key={r} className="radio">
                <input type="radio" name={`${id}-reason`} value={r} checked={reason === r} onChange={() => setReason(r)} />
                {t(`disc.reason.${r}` as MessageKey)}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-note`}>{t('disc.flagNote')}</label>
            <textarea id={`${id}-note`} rows={3} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
          </div>
          {flag.error && (
            <p role="alert" className="alert alert-error">
              {duplicate ? t('disc.flagDuplicate') : errorText(flag.error)}
            </p>
          )}
          <button type="submit" className="btn btn-primary" disabled={flag.isPending}>
            {t('disc.flagSend')}
          </button>
        </form>
      )}
    </Dialog>
  );
}
