import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { ApiError, call } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { errorText } from '../part2/errors';
import { ErrorBox, Loading } from '../States';

interface Invitation {
  id: string;
  email: string;
  role: 'admin' | 'member';
  status: 'pending' | 'accepted' | 'revoked' | 'expired';
  expiresAt: string;
}

/** A unit's invitations for its admins: invite by email with a unit role, pending list, revoke. */
export function InvitationsPanel({ unitId, unitName, level = 2 }: { unitId: string; unitName?: string; level?: 2 | 3 }) {
  const { t, formatDate } = useI18n();
  const id = useId();
  const qc = useQueryClient();
  const key = ['invitations', unitId];
  const [said, setSaid] = useState<string | null>(null);
  const list = useQuery({ queryKey: key, queryFn: () => call<{ items: Invitation[] }>('unitInvitations', { params: { id: unitId } }) });
  const refresh = () => void qc.invalidateQueries({ queryKey: key });
  const invite = useMutation({
    mutationFn: (v: { email: string; role: string }) => call<Invitation>('invite', { params: { id: unitId }, body: v }),
    onSuccess: (inv) => (setSaid(t('inv.sent', { email: inv.email })), refresh()),
  });
  const revoke = useMutation({
    mutationFn: (inv: Invitation) => call('revokeInvitation', { params: { id: inv.id } }),
    onSuccess: (_v, inv) => (setSaid(t('inv.revoked', { email: inv.email })), refresh()),
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    setSaid(null);
    invite.mutate({ email: String(data.get('email')).trim(), role: String(data.get('role')) }, { onSuccess: () => form.reset() });
  };
  const pending = (list.data?.items ?? []).filter((i) => i.status === 'pending');
  const Heading = level === 2 ? 'h2' : 'h3';
  const Sub = level === 2 ? 'h3' : 'h4';
  const failure = invite.error ?? revoke.error;
  return (
    <section aria-labelledby={`${id}-h`} className="card">
      <Heading id={`${id}-h`}>{unitName ? t('inv.titleFor', { unit: unitName }) : t('inv.title')}</Heading>
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-email`}>{t('inv.email')}</label>
          <input id={`${id}-email`} name="email" type="email" required autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>{t('inv.role')}</label>
          <select id={`${id}-role`} name="role" defaultValue="member">
            <option value="member">{t('adm.role.member')}</option>
            <option value="admin">{t('adm.role.admin')}</option>
          </select>
        </div>
        <div>
          <button type="submit" className="btn btn-primary" disabled={invite.isPending}>
            {t('inv.send')}
          </button>
        </div>
      </form>
      {failure && (
        <p role="alert" className="alert alert-error">
          {failure instanceof ApiError && failure.code === 'ALREADY_EXISTS' ? t('inv.already') : errorText(failure)}
        </p>
      )}
      <p role="status" className={said ? 'alert alert-success' : 'sr-only'}>
        {said}
      </p>
      <Sub id={`${id}-p`}>{t('inv.pending')}</Sub>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <ErrorBox error={list.error} />
      ) : pending.length === 0 ? (
        <p className="muted">{t('inv.none')}</p>
      ) : (
        <ul className="list" aria-labelledby={`${id}-p`}>
          {pending.map((inv) => (
            <li key={inv.id} className="row-between">
              <span>
                {inv.email}{' '}
                <span className="muted small">
                  ({t(`adm.role.${inv.role}` as MessageKey)}, {t('inv.expires', { date: formatDate(inv.expiresAt) })})
                </span>
              </span>
              <button
                type="button"
                className="btn btn-small btn-danger"
                aria-label={t('inv.revoke', { email: inv.email })}
                disabled={revoke.isPending}
                onClick={() => revoke.mutate(inv)}
              >
                {t('inv.revokeShort')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
