import { useState, type FormEvent } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client';
import { useAuth } from '../auth/session';
import { useI18n } from '../i18n/i18n';

/** Masuk (/masuk) and Daftar (/daftar): one form, two modes. */
export function SignInPage({ mode }: { mode: 'signIn' | 'register' }) {
  const { t, locale, setLocale } = useI18n();
  const { session, signIn, register } = useAuth();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const back = params.get('kembali');
  const target = back && back.startsWith('/') && !back.startsWith('//') ? back : '/';
  if (session) return <Navigate to={target} replace />;

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      if (mode === 'signIn') await signIn(String(f.get('email')), String(f.get('password')));
      else await register(String(f.get('name')), String(f.get('email')), String(f.get('password')));
    } catch (err) {
      const code = err instanceof ApiError ? err.status : 0;
      setError(
        code === 401
          ? t('auth.failed')
          : code === 409
            ? t('auth.exists')
            : code === 429
              ? t('auth.rateLimited')
              : err instanceof Error
                ? err.message
                : String(err),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="isi" className="auth-page">
      <div className="auth-card">
        <div className="auth-brand">
          <img src="/favicon.svg" alt="" width="40" height="40" />
          <div>
            <p className="brand-name">{t('app.name')}</p>
            <p className="muted">{t('app.tagline')}</p>
          </div>
        </div>
        <h1>{mode === 'signIn' ? t('auth.signInTitle') : t('auth.registerTitle')}</h1>
        <p className="muted">{t('auth.intro')}</p>
        {params.get('alasan') === 'sesi' && (
          <p className="alert alert-info" role="status">
            {t('auth.expired')}
          </p>
        )}
        <form onSubmit={(e) => void submit(e)} className="form" noValidate={false}>
          {mode === 'register' && (
            <div className="field">
              <label htmlFor="name">{t('auth.name')}</label>
              <input id="name" name="name" autoComplete="name" required maxLength={200} />
            </div>
          )}
          <div className="field">
            <label htmlFor="email">{t('auth.email')}</label>
            <input id="email" name="email" type="email" autoComplete="email" required />
          </div>
          <div className="field">
            <label htmlFor="password">{t('auth.password')}</label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete={mode === 'signIn' ? 'current-password' : 'new-password'}
              required
              minLength={mode === 'register' ? 8 : undefined}
              aria-describedby={mode === 'register' ? 'password-hint' : undefined}
            />
            {mode === 'register' && (
              <p id="password-hint" className="hint">
                {t('auth.passwordHint')}
              </p>
            )}
          </div>
          {error && (
            <p className="alert alert-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
            {mode === 'signIn' ? t('auth.signIn') : t('auth.register')}
          </button>
        </form>
        <p className="auth-switch">
          {mode === 'signIn' ? <Link to="/daftar">{t('auth.toRegister')}</Link> : <Link to="/masuk">{t('auth.toSignIn')}</Link>}
          {mode === 'signIn' && (
            <>
              <span aria-hidden="true"> · </span>
              <Link to="/lupa-sandi">{t('acct.forgotLink')}</Link>
            </>
          )}
          <span aria-hidden="true"> · </span>
          <Link to="/katalog">{t('nav.catalogue')}</Link>
          <span aria-hidden="true"> · </span>
          <button
            type="button"
            className="linklike"
            title={t('nav.languageLabel')}
            lang={locale === 'id' ? 'en' : 'id'}
            onClick={() => setLocale(locale === 'id' ? 'en' : 'id')}
          >
            {t('nav.language')}
          </button>
        </p>
      </div>
    </main>
  );
}
