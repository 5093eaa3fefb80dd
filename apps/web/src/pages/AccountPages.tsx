import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { ApiError, call } from '../api/client';
import type { AuthResult } from '../api/types';
import { useAuth } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

/**
 * The screens mails link to: /lupa-sandi (ask for a reset link), /atur-ulang-sandi?token= (new
 * password), /verifikasi-email?token= and /undangan?token= (accept an invitation). They sit
 * outside the signed-in layout: the person may have no session (or no account) yet.
 */
function Card({ title, children }: { title: MessageKey; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <main id="isi" className="auth-page">
      <div className="auth-card">
        <div className="auth-brand">
          <img src="/favicon.svg" alt="" width="40" height="40" />
          <p className="brand-name">{t('app.name')}</p>
        </div>
        <h1>{t(title)}</h1>
        {children}
        <p className="auth-switch">
          <Link to="/masuk">{t('acct.toSignIn')}</Link>
        </p>
      </div>
    </main>
  );
}

/** Runs a form submission; `failure` turns an API error into the message to show. */
function useSubmit(failure: (e: ApiError) => MessageKey | null) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      const key = e instanceof ApiError ? failure(e) : null;
      setError(
        key ? t(key) : e instanceof ApiError && e.status === 429 ? t('auth.rateLimited') : e instanceof Error ? e.message : String(e),
      );
    } finally {
      setBusy(false);
    }
  };
  const alert = error && (
    <p className="alert alert-error" role="alert">
      {error}
    </p>
  );
  return { busy, run, alert };
}

const tokenFailure = (e: ApiError): MessageKey | null => (e.code === 'TOKEN_INVALID' ? 'acct.tokenInvalid' : null);

export function ForgotPasswordPage() {
  const { t } = useI18n();
  const [sent, setSent] = useState(false);
  const { busy, run, alert } = useSubmit(() => null);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const email = String(new FormData(e.currentTarget).get('email'));
    void run(async () => {
      await call('passwordReset', { body: { email } });
      setSent(true);
    });
  };
  return (
    <Card title="acct.forgotTitle">
      {sent ? (
        <p className="alert alert-info" role="status">
          {t('acct.forgotSent')}
        </p>
      ) : (
        <form onSubmit={submit} className="form">
          <p className="muted">{t('acct.forgotIntro')}</p>
          <div className="field">
            <label htmlFor="email">{t('auth.email')}</label>
            <input id="email" name="email" type="email" autoComplete="email" required />
          </div>
          {alert}
          <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
            {t('acct.forgotSend')}
          </button>
        </form>
      )}
    </Card>
  );
}

export function ResetPasswordPage() {
  const { t } = useI18n();
  const token = useSearchParams()[0].get('token') ?? '';
  const [done, setDone] = useState(false);
  const { busy, run, alert } = useSubmit(tokenFailure);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const password = String(new FormData(e.currentTarget).get('password'));
    void run(async () => {
      await call('passwordResetConfirm', { body: { token, password } });
      setDone(true);
    });
  };
  if (!token) return <Card title="acct.resetTitle">{<p className="alert alert-error">{t('acct.noToken')}</p>}</Card>;
  return (
    <Card title="acct.resetTitle">
      {done ? (
        <p className="alert alert-info" role="status">
          {t('acct.resetDone')}
        </p>
      ) : (
        <form onSubmit={submit} className="form">
          <div className="field">
            <label htmlFor="password">{t('acct.newPassword')}</label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="new-password"
              required
              minLength={8}
              aria-describedby="password-hint"
            />
            <p id="password-hint" className="hint">
              {t('auth.passwordHint')}
            </p>
          </div>
          {alert}
          <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
            {t('acct.resetSave')}
          </button>
        </form>
      )}
    </Card>
  );
}

export function VerifyEmailPage() {
  const { t } = useI18n();
  const token = useSearchParams()[0].get('token') ?? '';
  const [state, setState] = useState<'busy' | 'done' | 'invalid'>('busy');
  const sent = useRef(false);
  useEffect(() => {
    // The token is single-use: confirm once, even when React runs effects twice.
    if (!token || sent.current) return;
    sent.current = true;
    call('verifyEmailConfirm', { body: { token } }).then(
      () => setState('done'),
      () => setState('invalid'),
    );
  }, [token]);
  const [cls, key]: [string, MessageKey] = !token
    ? ['alert alert-error', 'acct.noToken']
    : state === 'busy'
      ? ['muted', 'acct.verifying']
      : state === 'done'
        ? ['alert alert-info', 'acct.verified']
        : ['alert alert-error', 'acct.tokenInvalid'];
  return (
    <Card title="acct.verifyTitle">
      <p className={cls} role="status">
        {t(key)}
      </p>
    </Card>
  );
}

export function AcceptInvitationPage() {
  const { t } = useI18n();
  const { adopt, session } = useAuth();
  const token = useSearchParams()[0].get('token') ?? '';
  const [accepted, setAccepted] = useState(false);
  const { busy, run, alert } = useSubmit((e) =>
    e.code === 'TOKEN_INVALID' || e.code === 'INVITATION_CLOSED'
      ? 'acct.inviteClosed'
      : e.code === 'VALIDATION_FAILED'
        ? 'acct.inviteNeedsAccount'
        : null,
  );
  if (accepted && session) return <Navigate to="/" replace />;
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const name = String(f.get('name') ?? '').trim();
    const password = String(f.get('password') ?? '');
    void run(async () => {
      adopt(await call<AuthResult>('acceptInvitation', { body: { token, ...(name ? { name } : {}), ...(password ? { password } : {}) } }));
      setAccepted(true);
    });
  };
  if (!token) return <Card title="acct.inviteTitle">{<p className="alert alert-error">{t('acct.noToken')}</p>}</Card>;
  return (
    <Card title="acct.inviteTitle">
      <form onSubmit={submit} className="form">
        <p className="muted">{t('acct.inviteIntro')}</p>
        <div className="field">
          <label htmlFor="name">{t('auth.name')}</label>
          <input id="name" name="name" autoComplete="name" maxLength={200} />
        </div>
        <div className="field">
          <label htmlFor="password">{t('auth.password')}</label>
          <input id="password" name="password" type="password" autoComplete="new-password" minLength={8} />
        </div>
        {alert}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {t('acct.inviteAccept')}
        </button>
      </form>
    </Card>
  );
}
