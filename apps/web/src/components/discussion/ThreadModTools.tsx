import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { call } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../part2/errors';
import type { ThreadDetail } from './model';

/** Lock, pin and slow mode for moderators, on threads they did not start. */
export function ThreadModTools({ thread, onChanged }: { thread: ThreadDetail; onChanged(t: ThreadDetail): void }) {
  const { t } = useI18n();
  const id = useId();
  const [seconds, setSeconds] = useState(String(thread.slowModeSeconds));
  const act = useMutation({
    mutationFn: (op: 'lockThread' | 'unlockThread' | 'pinThread' | 'unpinThread' | 'slowMode') =>
      call<ThreadDetail>(op, { params: { id: thread.id }, body: op === 'slowMode' ? { seconds: Number(seconds) } : {} }),
    onSuccess: onChanged,
  });
  return (
    <section className="card mod-tools" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="small-heading">
        {t('disc.modTools')}
      </h2>
      <div className="row wrap">
        <button
          type="button"
          className="btn btn-small"
          disabled={act.isPending}
          onClick={() => act.mutate(thread.locked ? 'unlockThread' : 'lockThread')}
        >
          {thread.locked ? t('modr.unlock') : t('modr.lock')}
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={act.isPending}
          onClick={() => act.mutate(thread.pinned ? 'unpinThread' : 'pinThread')}
        >
          {thread.pinned ? t('modr.unpin') : t('modr.pin')}
        </button>
      </div>
      <form
        className="form form-inline"
        onSubmit={(e) => {
          e.preventDefault();
          act.mutate('slowMode');
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-slow`}>{t('modr.slowMode')}</label>
          <input id={`${id}-slow`} type="number" min={0} max={86400} value={seconds} onChange={(e) => setSeconds(e.target.value)} />
        </div>
        <button type="submit" className="btn btn-small" disabled={act.isPending}>
          {t('modr.setSlowMode')}
        </button>
      </form>
      {act.error && (
        <p role="alert" className="alert alert-error">
          {errorText(act.error)}
        </p>
      )}
    </section>
  );
}
