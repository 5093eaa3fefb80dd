import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

const tone: Record<string, string> = { DECLINED: 'bad', WITHDRAWN: 'bad', DISCONTINUED: 'bad', STALLED: 'warn', INSTITUTIONALIZED: 'good' };

export function StageBadge({ stage }: { stage: string }) {
  const { t } = useI18n();
  return <span className={`stage stage-${tone[stage] ?? 'neutral'}`}>{t(`stage.${stage}` as MessageKey)}</span>;
}
