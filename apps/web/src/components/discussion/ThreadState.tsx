import { useI18n } from '../../i18n/i18n';
import { formatLeft, useNow } from '../part2/time';
import type { Suspension, ThreadDetail } from './model';

/**
 * Why the viewer cannot post right now, said where the reply box would be: a lock, slow mode
 * (with the time until they may post again), or their own suspension (until when, why, time left).
 */
export function ThreadState({
  thread,
  suspension,
  slowUntil,
}: {
  thread: ThreadDetail;
  suspension: Suspension | null | undefined;
  slowUntil: number | null;
}) {
  const { t, formatDate } = useI18n();
  const now = useNow(1000, !!suspension || !!slowUntil);
  const slowLeft = slowUntil ? slowUntil - now : 0;
  return (
    <div aria-live="polite">
      {suspension && Date.parse(suspension.until) > now && (
        <div className="alert alert-error" role="alert" data-testid="suspended">
          <p>
            <strong>
              {t('disc.suspendedState', {
                until: formatDate(suspension.until, true),
                left: formatLeft(t, Date.parse(suspension.until) - now),
              })}
            </strong>
          </p>
          <p>{t('disc.suspendedReason', { reason: suspension.reason })}</p>
        </div>
      )}
      {thread.locked && (
        <div className="alert alert-warn" role="status">
          <p>🔒 {t('disc.lockedState')}</p>
        </div>
      )}
      {thread.slowModeSeconds > 0 && (
        <div className="alert alert-info" role="status">
          <p>{t('disc.slowState', { seconds: thread.slowModeSeconds })}</p>
          {slowLeft > 0 && <p>{t('disc.slowWait', { left: formatLeft(t, slowLeft) })}</p>}
        </div>
      )}
    </div>
  );
}
