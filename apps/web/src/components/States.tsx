import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted" role="status">
      {t('common.loading')}
    </p>
  );
}

/** An error box for a failed query; 403 and 404 get their own plain wording. */
export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const status = error instanceof ApiError ? error.status : 0;
  const text =
    status === 404
      ? t('common.notFound')
      : status === 403
        ? t('common.forbidden')
        : t('common.error', { message: error instanceof Error ? error.message : String(error) });
  return (
    <div className="alert alert-error" role="alert">
      <p>{text}</p>
      {onRetry && status >= 500 && (
        <button type="button" className="btn" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
