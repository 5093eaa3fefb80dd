import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { call } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import type { Suspension } from '../discussion/model';
import { errorText } from '../part2/errors';
import { localInput } from '../part2/time';

/** A user's suspensions (newest first) with lift, and a form to suspend them until a time. */
export function Suspensions({ userId, name }: { userId: string; name: string }) {
  const { t, formatDate } = useI18n();
  const qc = useQueryClient();
  const id = useId();
  const [until, setUntil] = useState(() => localInput(new Date(Date.now() + 24 * 3600_000)));
  const [reason, setReason] = useState('');
  const [liftReason, setLiftReason] = useState('');
  const list = useQuery({
    queryKey: ['suspensions', userId, 'mod'],
    queryFn: () => call<{ items: Suspension[] }>('suspensions', { params: { id: userId } }),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['suspensions', userId] });
  const suspend = useMutation({
    mutationFn: () => call('suspend', { params: { id: userId }, body: { until: new Date(until).toISOString(), reason: reason.trim() } }),
    onSuccess: () => (setReason(''), refresh()),
  });
  const lift = useMutation({
    mutationFn: (s: Suspension) =>
      call('liftSuspension', { params: { id: userId, suspensionId: s.id }, body: { reason: liftReason.trim() || '-' } }),
    onSuccess: refresh,
  });
  return (
    <div className="suspensions">
      {list.data && list.data.items.length === 0 && <p className="muted">{t('modr.noSuspensions')}</p>}
      {list.data && list.data.items.length > 0 && (
        <ul className="list">
          {list.data.items.map((s) => (
            <li key={s.id}>
              <strong>{s.active ? t('modr.active') : t('modr.ended')}</strong> · {t('modr.suspendUntil')} {formatDate(s.until, true)} —{' '}
              {s.reason}
              {s.active && (
                <form
                  className="form form-inline"
                  onSubmit={(e) => {
                    e.preventDefault();
                    lift.mutate(s);
                  }}
                >
                  <div className="field grow">
                    <label htmlFor={`${id}-lift-${s.id}`}>{t('modr.liftReason')}</label>
                    <input id={`${id}-lift-${s.id}`} value={liftReason} onChange={(e) => setLiftReason(e.target.value)} />
                  </div>
                  <button type="submit" className="btn btn-small" disabled={lift.isPending}>
                    {t('modr.lift')}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      <form
        className="form form-inline"
        aria-label={t('modr.suspend')}
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim()) suspend.mutate();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-until`}>{t('modr.suspendUntil')}</label>
          <input id={`${id}-until`} type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} required />
        </div>
        <div className="field grow">
          <label htmlFor={`${id}-reason`}>{t('modr.suspendReason')}</label>
          <input id={`${id}-reason`} value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} required />
        </div>
        <button type="submit" className="btn btn-danger" disabled={!reason.trim() || suspend.isPending}>
          {t('modr.suspendSend')}
        </button>
      </form>
      {suspend.isSuccess && (
        <p role="status" className="alert alert-success">
          {t('modr.suspended', { until: formatDate(new Date(until).toISOString(), true) })}
        </p>
      )}
      {(suspend.error ?? lift.error) && (
        <p role="alert" className="alert alert-error">
          {errorText(suspend.error ?? lift.error)}
        </p>
      )}
      <span className="sr-only">{name}</span>
    </div>
  );
}
