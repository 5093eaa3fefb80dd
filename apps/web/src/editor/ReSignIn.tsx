import { useState, type FormEvent } from 'react';
import { useAuth } from '../auth/session';
import { useI18n } from '../i18n/i18n';

/** Shown on 4401 when the session cannot be renewed: sign in here, then the editor resumes. */
export function ReSignIn({ onDone }: { onDone(): void }) {
  const { t } = useI18n();
  const { signIn, me } = useAuth();
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    try {
      await signIn(String(f.get('email')), String(f.get('password')));
      onDone();
    } catch {
      setError(t('auth.failed'));
    }
  };
  return (
    <div className="alert alert-warn" role="alert">
      <p>{t('pb.4401')}</p>
      <form className="form form-inline" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor="re-email">{t('auth.email')}</label>
          <input id="re-email" name="email" type="email" defaultValue={me?.email} autoComplete="email" required />
        </div>
        <div className="field">
          <label htmlFor="re-password">{t('auth.password')}</label>
          <input id="re-password" name="password" type="password" autoComplete="current-password" required />
        </div>
        <button type="submit" className="btn btn-primary">
          {t('pb.signInAgain')}
        </button>
      </form>
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
