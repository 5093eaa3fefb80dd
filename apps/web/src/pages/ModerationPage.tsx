import { useTitle } from '../components/useTitle';
import { useI18n } from '../i18n/i18n';

/** Placeholder until part 2 of the web client fills this screen; the deep link already works. */
export function ModerationPage() {
  const { t } = useI18n();
  useTitle(t('mod.title'));
  return (
    <div className="page">
      <h1>{t('mod.title')}</h1>
      <p className="muted">{t('common.comingSoon')}</p>
    </div>
  );
}
