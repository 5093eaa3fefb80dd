import { Link } from 'react-router';
import { useTitle } from '../components/useTitle';
import { useI18n } from '../i18n/i18n';

export function NotFoundPage() {
  const { t } = useI18n();
  useTitle(t('common.notFound'));
  return (
    <div className="page">
      <h1>{t('common.notFound')}</h1>
      <p>{t('common.notFoundBody')}</p>
      <p>
        <Link to="/">{t('nav.home')}</Link> · <Link to="/katalog">{t('nav.catalogue')}</Link>
      </p>
    </div>
  );
}
