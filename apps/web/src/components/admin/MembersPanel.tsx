import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { call } from '../../api/client';
import { useUnit } from '../../api/hooks';
import type { PersonHit } from '../../api/raw';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { errorText } from '../part2/errors';
import { ErrorBox, Loading } from '../States';
import { PersonSearch } from './PersonSearch';

interface Member {
  userId: string;
  name: string;
  role: 'admin' | 'member';
  since: string;
}

/** Anggota unit: a unit's members with their unit role; add (by search or id), change role, remove. */
export function MembersPanel({ unitId, onPickPerson }: { unitId: string | null; onPickPerson(p: PersonHit): void }) {
  const { t, formatDate } = useI18n();
  const id = useId();
  const qc = useQueryClient();
  const unit = useUnit(unitId);
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<'admin' | 'member'>('member');
  const members = useQuery({
    queryKey: ['unitMembers', unitId],
    queryFn: () => call<Member[]>('unitMembers', { params: { id: unitId! } }),
    enabled: !!unitId,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['unitMembers', unitId] });
  const add = useMutation({
    mutationFn: (v: { userId: string; role: string }) => call('addMember', { params: { id: unitId! }, body: v }),
    onSuccess: () => (setUserId(''), refresh()),
  });
  const remove = useMutation({
    mutationFn: (uid: string) => call('removeMember', { params: { id: unitId!, userId: uid } }),
    onSuccess: refresh,
  });
  if (!unitId) return <p className="muted">{t('adm.pickPerson')}</p>;
  return (
    <div className="grid-2 wide-left">
      <section aria-labelledby={`${id}-h`}>
        <h2 id={`${id}-h`}>
          {t('adm.members')}: {unit.data?.name ?? '…'}
        </h2>
        {members.isPending ? (
          <Loading />
        ) : members.error ? (
          <ErrorBox error={members.error} />
        ) : members.data.length === 0 ? (
          <p className="muted">{t('adm.noMembers')}</p>
        ) : (
          <ul className="list card">
            {members.data.map((m) => (
              <li key={m.userId} className="row-between">
                <span>
                  <button type="button" className="linklike" onClick={() => onPickPerson({ id: m.userId, name: m.name })}>
                    {m.name}
                  </button>{' '}
                  <span className="muted small">{t('adm.since', { date: formatDate(m.since) })}</span>
                </span>
                <span className="row">
                  <select
                    aria-label={`${t('adm.memberRole')}: ${m.name}`}
                    value={m.role}
                    onChange={(e) => add.mutate({ userId: m.userId, role: e.target.value })}
                  >
                    {(['member', 'admin'] as const).map((r) => (
                      <option key={r} value={r}>
                        {t(`adm.role.${r}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                  <button type="button" className="btn btn-small btn-danger" onClick={() => remove.mutate(m.userId)}>
                    {t('adm.remove', { name: m.name })}
                  </button>
                </span>
              </li>
            ))}
          </ul>
        )}
        {(add.error ?? remove.error) && (
          <p role="alert" className="alert alert-error">
            {errorText(add.error ?? remove.error)}
          </p>
        )}
      </section>
      <section className="card" aria-label={t('adm.addMember')}>
        <PersonSearch onPick={(p) => setUserId(p.id)} />
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            if (userId.trim()) add.mutate({ userId: userId.trim(), role });
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-user`}>{t('adm.userId')}</label>
            <input id={`${id}-user`} value={userId} onChange={(e) => setUserId(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-role`}>{t('adm.memberRole')}</label>
            <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as 'admin' | 'member')}>
              <option value="member">{t('adm.role.member')}</option>
              <option value="admin">{t('adm.role.admin')}</option>
            </select>
          </div>
          <div>
            <button type="submit" className="btn btn-primary" disabled={!userId.trim() || add.isPending}>
              {t('adm.addMember')}
            </button>
          </div>
        </form>
      </section>
    </div>
  );
}
