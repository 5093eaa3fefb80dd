import { NavLink, Outlet, useNavigate } from 'react-router';
import { useAuth } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import { NotificationBell } from './NotificationBell';
import { HeaderPerson } from './people/HeaderPerson';
import { Part2Nav } from './part2/Part2Nav';

/** The frame of every screen after sign-in: skip link, header with navigation, main region. */
export function Layout() {
  const { t, locale, setLocale } = useI18n();
  const { session, me, signOut } = useAuth();
  const navigate = useNavigate();
  return (
    <>
      <a className="skip" href="#isi">
        {t('app.skip')}
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <NavLink to="/" className="brand">
            <img src="/favicon.svg" alt="" width="28" height="28" />
            <span>
              <strong>{t('app.name')}</strong>
              <small>{t('app.tagline')}</small>
            </span>
          </NavLink>
          <nav aria-label={t('nav.main')} className="mainnav">
            {session && (
              <NavLink to="/" end>
                {t('nav.home')}
              </NavLink>
            )}
            <NavLink to="/katalog">{t('nav.catalogue')}</NavLink>
            <Part2Nav />
          </nav>
          <div className="topbar-actions">
            {session && <NotificationBell />}
            <button
              type="button"
              className="btn btn-quiet"
              title={t('nav.languageLabel')}
              onClick={() => setLocale(locale === 'id' ? 'en' : 'id')}
            >
              <span aria-hidden="true">{locale === 'id' ? 'EN' : 'ID'}</span>
              <span className="sr-only" lang={locale === 'id' ? 'en' : 'id'}>
                {t('nav.language')}
              </span>
            </button>
            {session ? (
              <>
                <HeaderPerson name={me?.name ?? ''} email={me?.email} />
                <button
                  type="button"
                  className="btn btn-quiet"
                  onClick={() => {
                    void signOut().then(() => navigate('/masuk'));
                  }}
                >
                  {t('nav.signOut')}
                </button>
              </>
            ) : (
              <NavLink to="/masuk" className="btn btn-quiet">
                {t('nav.signIn')}
              </NavLink>
            )}
          </div>
        </div>
      </header>
      <main id="isi" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
