import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { call } from '../../api/client';
import type { PersonHit } from '../../api/raw';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { errorText } from '../part2/errors';
import { PersonSearch } from './PersonSearch';

const ROLES = ['user', 'moderator', 'curator', 'admin'] as const;

/** Peran platform: pick a person, tick their roles, save (`PUT /api/users/:id/roles`). */
export function RolesPanel({ person, onPick }: { person: (PersonHit & { roles?: string[] }) | null; onPick(p: PersonHit): void }) {
  const { t } = useI18n();
  const [roles, setRoles] = useState<string[]>(['user']);
  useEffect(() => setRoles(person?.roles?.length ? person.roles : ['user']), [person]);
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
            <button type="submit" className="btn btn-primary" disabled={save.isPending}>
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
