import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, call, swapSession } from '../api/client';
import { uploadFile } from '../api/upload';
import { useAuth } from '../auth/session';
import { useUploadError } from '../components/attachments/AttachmentsPanel';
import '../components/attachments/attachments.css';
import '../components/part2/part2.css';
import { errorText } from '../components/part2/errors';
import { Avatar } from '../components/people/Avatar';
import { InvitationsPanel } from '../components/people/InvitationsPanel';
import { FollowedInnovations, NotificationSettings } from '../components/people/NotificationSettings';
import { PROFILE_KEY, useProfile, type Profile } from '../components/people/profile';
import { ErrorBox, Loading } from '../components/States';
import { useTitle } from '../components/useTitle';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

/**
 * Profil (/profil): name, position and phone; photo; email verification; password change; email
 * notification settings and followed innovations; the units, with invitations where the person
 * is the unit's admin.
 */
export function ProfilePage() {
  const { t } = useI18n();
  useTitle(t('prof.title'));
  const profile = useProfile();
  return (
    <div className="page">
      <h1>{t('prof.title')}</h1>
      {profile.isPending ? (
        <Loading />
      ) : profile.error ? (
        <ErrorBox error={profile.error} />
      ) : (
        <div className="stack">
          <div className="grid-2">
            <Details profile={profile.data} />
            <div className="stack">
              <Photo profile={profile.data} />
              <Password />
            </div>
          </div>
          <NotificationSettings />
          <FollowedInnovations />
          <Units profile={profile.data} />
        </div>
      )}
    </div>
  );
}

function useSetProfile() {
  const qc = useQueryClient();
  const { session } = useAuth();
  return (p: Profile) => {
    qc.setQueryData([...PROFILE_KEY, session?.userId], p);
    void qc.invalidateQueries({ queryKey: ['me'] });
  };
}

function Details({ profile }: { profile: Profile }) {
  const { t } = useI18n();
  const id = useId();
  const setProfile = useSetProfile();
  const [said, setSaid] = useState(false);
  const save = useMutation({
    mutationFn: (body: { name: string; position: string | null; phone: string | null }) => call<Profile>('updateProfile', { body }),
    onSuccess: (p) => (setProfile(p), setSaid(true)),
  });
  const resend = useMutation({ mutationFn: () => call('resendVerification') });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const d = new FormData(e.currentTarget);
    const text = (k: string) => String(d.get(k) ?? '').trim() || null;
    setSaid(false);
    save.mutate({ name: String(d.get('name') ?? '').trim(), position: text('position'), phone: text('phone') });
  };
  return (
    <section aria-labelledby={`${id}-h`} className="card">
      <h2 id={`${id}-h`}>{t('prof.details')}</h2>
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('prof.name')}</label>
          <input id={`${id}-name`} name="name" defaultValue={profile.name} required maxLength={120} autoComplete="name" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-pos`}>{t('prof.position')}</label>
          <input id={`${id}-pos`} name="position" defaultValue={profile.position ?? ''} maxLength={200} autoComplete="organization-title" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-phone`}>{t('prof.phone')}</label>
          <input id={`${id}-phone`} name="phone" type="tel" defaultValue={profile.phone ?? ''} maxLength={30} autoComplete="tel" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-email`}>{t('prof.email')}</label>
          <input id={`${id}-email`} value={profile.email} readOnly aria-describedby={`${id}-ver`} />
        </div>
        <div>
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {t('prof.save')}
          </button>
        </div>
      </form>
      {save.error && (
        <p role="alert" className="alert alert-error">
          {errorText(save.error)}
        </p>
      )}
      <p role="status" className={said ? 'alert alert-success' : 'sr-only'}>
        {said ? t('prof.saved') : ''}
      </p>
      <div id={`${id}-ver`} className={profile.emailVerified ? 'alert alert-success' : 'alert alert-info'}>
        <p>{profile.emailVerified ? t('prof.verified') : t('prof.unverified')}</p>
        {!profile.emailVerified && (
          <button type="button" className="btn btn-small" disabled={resend.isPending || resend.isSuccess} onClick={() => resend.mutate()}>
            {t('prof.resend')}
          </button>
        )}
      </div>
      {resend.isSuccess && (
        <p role="status" className="alert alert-success">
          {t('prof.resent')}
        </p>
      )}
      {resend.error && (
        <p role="alert" className="alert alert-error">
          {resend.error instanceof ApiError && resend.error.status === 429 ? t('auth.rateLimited') : errorText(resend.error)}
        </p>
      )}
    </section>
  );
}

function Photo({ profile }: { profile: Profile }) {
  const { t } = useI18n();
  const id = useId();
  const setProfile = useSetProfile();
  const describe = useUploadError();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    setSaid(null);
    try {
      setProfile(await uploadFile<Profile>('PUT', '/api/me/avatar', file));
      setSaid(t('prof.avatarSaved'));
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  const remove = useMutation({
    mutationFn: () => call('removeAvatar'),
    onSuccess: () => setProfile({ ...profile, avatarAttachmentId: null }),
  });
  return (
    <section aria-labelledby={`${id}-h`} className="card">
      <h2 id={`${id}-h`}>{t('prof.avatar')}</h2>
      <div className="row">
        <Avatar attachmentId={profile.avatarAttachmentId} name={profile.name} size={72} alt={t('prof.avatarOf', { name: profile.name })} />
        <div className="attachment-upload">
          <label htmlFor={`${id}-file`} className="btn btn-small">
            {t('prof.avatarUpload')}
          </label>
          <input
            ref={input}
            id={`${id}-file`}
            type="file"
            accept="image/png,image/jpeg,image/gif,image/webp"
            className="sr-only-input"
            disabled={busy}
            aria-describedby={`${id}-hint`}
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void upload(f);
            }}
          />
          {profile.avatarAttachmentId && (
            <button type="button" className="btn btn-small" onClick={() => remove.mutate()} disabled={remove.isPending}>
              {t('prof.avatarRemove')}
            </button>
          )}
        </div>
      </div>
      <p id={`${id}-hint`} className="muted small">
        {t('prof.avatarHint')}
      </p>
      {(error ?? remove.error) && (
        <p role="alert" className="alert alert-error">
          {error ?? errorText(remove.error)}
        </p>
      )}
      <p role="status" className="sr-only">
        {said}
      </p>
    </section>
  );
}

function Password() {
  const { t } = useI18n();
  const id = useId();
  const [said, setSaid] = useState(false);
  const change = useMutation({
    // The server ends every session, this one too, and answers with a fresh pair for this tab.
    mutationFn: (body: { currentPassword: string; newPassword: string }) => swapSession('changePassword', body),
    onSuccess: () => setSaid(true),
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const d = new FormData(form);
    setSaid(false);
    change.mutate({ currentPassword: String(d.get('current')), newPassword: String(d.get('next')) }, { onSuccess: () => form.reset() });
  };
  const err = change.error;
  return (
    <section aria-labelledby={`${id}-h`} className="card">
      <h2 id={`${id}-h`}>{t('prof.password')}</h2>
      <p id={`${id}-note`} className="alert alert-info">
        {t('prof.passwordNote')}
      </p>
      <form className="form" onSubmit={submit} aria-describedby={`${id}-note`}>
        <div className="field">
          <label htmlFor={`${id}-cur`}>{t('prof.currentPassword')}</label>
          <input id={`${id}-cur`} name="current" type="password" required autoComplete="current-password" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-new`}>{t('prof.newPassword')}</label>
          <input id={`${id}-new`} name="next" type="password" required minLength={8} autoComplete="new-password" />
        </div>
        <div>
          <button type="submit" className="btn btn-primary" disabled={change.isPending}>
            {t('prof.passwordSave')}
          </button>
        </div>
      </form>
      {err && (
        <p role="alert" className="alert alert-error">
          {err instanceof ApiError && err.code === 'CURRENT_PASSWORD_INVALID'
            ? t('prof.passwordWrong')
            : err instanceof ApiError && err.status === 429
              ? t('auth.rateLimited')
              : errorText(err)}
        </p>
      )}
      <p role="status" className={said ? 'alert alert-success' : 'sr-only'}>
        {said ? t('prof.passwordChanged') : ''}
      </p>
    </section>
  );
}

function Units({ profile }: { profile: Profile }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <section aria-labelledby={`${id}-h`} className="stack">
      <h2 id={`${id}-h`}>{t('prof.units')}</h2>
      {profile.units.length === 0 ? (
        <p className="muted">{t('prof.noUnits')}</p>
      ) : (
        <ul className="list card">
          {profile.units.map((u) => (
            <li key={u.id}>{t('prof.unitRole', { unit: u.name, agency: u.agencyName, role: t(`adm.role.${u.role}` as MessageKey) })}</li>
          ))}
        </ul>
      )}
      {profile.units
        .filter((u) => u.role === 'admin')
        .map((u) => (
          <InvitationsPanel key={u.id} unitId={u.id} unitName={u.name} level={3} />
        ))}
    </section>
  );
}
