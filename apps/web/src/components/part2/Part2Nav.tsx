import { NavLink } from 'react-router';
import { useAuth } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import { hasRole } from './Guard';

/** Header links to the part-2 screens, each shown to the people it serves. */
export function Part2Nav() {
  const { t } = useI18n();
  const { session, me } = useAuth();
  if (!session) return null;
  return (
    <>
      <NavLink to="/pendampingan/dasbor">{t('nav.mentoring')}</NavLink>
      {hasRole(me?.roles, 'moderator', 'admin') && <NavLink to="/moderasi">{t('nav.moderation')}</NavLink>}
      {!!me?.memberships.length && <NavLink to="/hub">{t('nav.hub')}</NavLink>}
      {hasRole(me?.roles, 'curator', 'admin') && <NavLink to="/kurator">{t('nav.curator')}</NavLink>}
      {hasRole(me?.roles, 'admin') && <NavLink to="/admin">{t('nav.admin')}</NavLink>}
    </>
  );
}
