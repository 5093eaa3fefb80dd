import type { InnovationVerification } from '../../api/evidence-types';
import { useI18n } from '../../i18n/i18n';

/** "Belum diverifikasi sejak …": a data refresh campaign's deadline passed without the origin confirming. */
export function VerificationFlag({ innovation, compact }: { innovation: InnovationVerification; compact?: boolean }) {
  const { t, formatDate } = useI18n();
  const since = innovation.verification?.notVerifiedSince;
  if (!since) return null;
  const text = t('ev.notVerified', { date: formatDate(since) });
  return compact ? <span className="tag tag-award">{text}</span> : <p className="alert alert-warn">{text}</p>;
}
