import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import { call } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { errorText } from '../part2/errors';
import { ErrorBox, Loading } from '../States';

type Mode = 'immediate' | 'digest' | 'off';
interface Setting {
  type: string;
  mode: Mode;
  default: Mode;
}
const MODES: Mode[] = ['immediate', 'digest', 'off'];

/** Per notification type: email at once, in the daily digest, or not at all (as the API models it). */
export function NotificationSettings() {
  const { t } = useI18n();
  const id = useId();
  const qc = useQueryClient();
  const settings = useQuery({ queryKey: ['notificationSettings'], queryFn: () => call<{ items: Setting[] }>('notificationSettings') });
  const [draft, setDraft] = useState<Record<string, Mode>>({});
  const [said, setSaid] = useState(false);
  useEffect(() => {
    if (settings.data) setDraft(Object.fromEntries(settings.data.items.map((s) => [s.type, s.mode])));
  }, [settings.data]);
  const save = useMutation({
    mutationFn: (items: { type: string; mode: Mode }[]) => call<{ items: Setting[] }>('updateNotificationSettings', { body: { items } }),
    onSuccess: (data) => {
      qc.setQueryData(['notificationSettings'], data);
      setSaid(true);
    },
  });
  const label = (type: string) => {
    const key = `notif.type.${type}` as MessageKey;
    return t(key) === key ? type : t(key);
  };
  return (
    <section aria-labelledby={`${id}-h`} className="card">
      <h2 id={`${id}-h`}>{t('ns.title')}</h2>
      <p className="muted">{t('ns.intro')}</p>
      {settings.isPending ? (
        <Loading />
      ) : settings.error ? (
        <ErrorBox error={settings.error} />
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setSaid(false);
            save.mutate(settings.data.items.map((s) => ({ type: s.type, mode: draft[s.type] ?? s.mode })));
          }}
        >
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('ns.type')}</th>
                <th scope="col">{t('ns.mode')}</th>
              </tr>
            </thead>
            <tbody>
              {settings.data.items.map((s) => (
                <tr key={s.type}>
                  <th scope="row">
                    {label(s.type)} <span className="muted small">({t('ns.default', { mode: t(`ns.mode.${s.default}`) })})</span>
                  </th>
                  <td>
                    <select
                      aria-label={t('ns.modeFor', { type: label(s.type) })}
                      value={draft[s.type] ?? s.mode}
                      onChange={(e) => setDraft({ ...draft, [s.type]: e.target.value as Mode })}
                    >
                      {MODES.map((m) => (
                        <option key={m} value={m}>
                          {t(`ns.mode.${m}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <button type="submit" className="btn btn-primary" disabled={save.isPending}>
              {t('ns.save')}
            </button>
          </p>
          {save.error && (
            <p role="alert" className="alert alert-error">
              {errorText(save.error)}
            </p>
          )}
          <p role="status" className={said ? 'alert alert-success' : 'sr-only'}>
            {said ? t('ns.saved') : ''}
          </p>
        </form>
      )}
    </section>
  );
}

/** The innovations the person follows, each with an unfollow button. */
export function FollowedInnovations() {
  const { t } = useI18n();
  const id = useId();
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: ['followedInnovations'],
    queryFn: () => call<{ items: { id: string; title: string }[] }>('followedInnovations'),
  });
  const unfollow = useMutation({
    mutationFn: (innovationId: string) => call('unfollowInnovation', { params: { id: innovationId } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['followedInnovations'] }),
  });
  return (
    <section aria-labelledby={`${id}-h`} className="card">
      <h2 id={`${id}-h`}>{t('ns.following')}</h2>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <ErrorBox error={list.error} />
      ) : list.data.items.length === 0 ? (
        <p className="muted">{t('ns.noFollowing')}</p>
      ) : (
        <ul className="list" aria-labelledby={`${id}-h`}>
          {list.data.items.map((i) => (
            <li key={i.id} className="row-between">
              <Link to={`/inovasi/${i.id}`}>{i.title}</Link>
              <button
                type="button"
                className="btn btn-small"
                aria-label={t('ns.unfollow', { title: i.title })}
                disabled={unfollow.isPending}
                onClick={() => unfollow.mutate(i.id)}
              >
                {t('ns.unfollowShort')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {unfollow.error && (
        <p role="alert" className="alert alert-error">
          {errorText(unfollow.error)}
        </p>
      )}
    </section>
  );
}
