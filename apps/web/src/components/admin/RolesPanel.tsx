import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { call } from '../../api/client';
import { searchPeople, type PersonHit } from '../../api/raw';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { errorText } from '../part2/errors';
import { PersonSearch } from './PersonSearch';

const ROLES = ['user', 'moderator', 'curator', 'admin'] as const;

/** Peran platform: pick a person, tick their roles, save (`PUT /api/users/:id/roles`). */
export function RolesPanel({ person, onPick }: { person: PersonHit | null; onPick(p: PersonHit): void }) {
  const { t } = useI18n();
  const [roles, setRoles] = useState<string[]>(['user']);
  // Picked from a member list, the person comes without roles: read them from the directory
  // (admins see roles there), so saving starts from what they have and drops nothing.
  const current = useQuery({
    queryKey: ['personRoles', person?.id],
    enabled: !!person && !person.roles,
    queryFn: async () => (await searchPeople(person!.name))?.find((p) => p.id === person!.id)?.roles ?? null,
  });
  const known = person?.roles ?? current.data ?? undefined;
  useEffect(() => setRoles(known?.length ? known : ['user']), [person, known]);
  const loading = !!person && !person.roles && current.isPending;
  const save = useMutation({ mutationFn: () => call('setRoles', { params: { id: person!.id }, body: { roles } }) });
  return (
    <div className="grid-2">
      <section className="card">
        <PersonSearch onPick={onPick} />
        <p className="muted small">{t('adm.pickPerson')}</p>
      </section>
      {person && (
        <form
          className="form card"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <fieldset className="facet">
            <legend>{t('adm.platformRoles', { name: person.name })}</legend>
            {ROLES.map((r) => (
              <label key={r} className="radio">
                <input
                  type="checkbox"
                  checked={roles.includes(r)}
                  onChange={(e) => setRoles(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))}
                />
                {t(`adm.prole.${r}` as MessageKey)}
              </label>
            ))}
          </fieldset>
          <div>
            <button type="submit" className="btn btn-primary" disabled={save.isPending || loading}>
              {t('adm.saveRoles')}
            </button>
          </div>
          {save.isSuccess && (
            <p role="status" className="alert alert-success">
              {t('adm.rolesSaved', { name: person.name })}
            </p>
          )}
          {save.error && (
            <p role="alert" className="alert alert-error">
              {errorText(save.error)}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
