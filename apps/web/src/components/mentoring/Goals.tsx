import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { call } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { errorText } from '../part2/errors';
import type { Goal } from './model';

/** Tujuan: each goal with its due date, overdue mark and status; a form to add one. */
export function Goals({
  mentorshipId,
  goals,
  canEdit,
  onChanged,
}: {
  mentorshipId: string;
  goals: Goal[];
  canEdit: boolean;
  onChanged(): void;
}) {
  const { t, formatDate } = useI18n();
  const id = useId();
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const add = useMutation({
    mutationFn: () =>
      call('addGoal', { params: { id: mentorshipId }, body: due ? { title: title.trim(), dueDate: due } : { title: title.trim() } }),
    onSuccess: () => (setTitle(''), setDue(''), onChanged()),
  });
  const set = useMutation({
    mutationFn: (v: { goal: Goal; status: string }) =>
      call('updateGoal', { params: { id: mentorshipId, goalId: v.goal.id }, body: { status: v.status } }),
    onSuccess: onChanged,
  });
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('ment.goals')}</h2>
      {goals.length === 0 ? (
        <p className="muted">{t('ment.noGoals')}</p>
      ) : (
        <ul className="list">
          {goals.map((g) => (
            <li key={g.id} className="goal">
              <span>
                <strong className={g.status === 'dropped' ? 'muted' : undefined}>{g.title}</strong>
                {g.dueDate && <span className="muted small"> · {t('ment.due', { date: formatDate(g.dueDate) })}</span>}
                {g.overdue && <span className="stage stage-bad"> ⚠ {t('ment.overdue')}</span>}
              </span>
              {canEdit ? (
                <select
                  aria-label={t('ment.goalStatus', { title: g.title })}
                  value={g.status}
                  onChange={(e) => set.mutate({ goal: g, status: e.target.value })}
                >
                  {(['open', 'done', 'dropped'] as const).map((s) => (
                    <option key={s} value={s}>
                      {t(`ment.goal.${s}` as MessageKey)}
                    </option>
                  ))}
                </select>
              ) : (
                <span className={`stage stage-${g.status === 'done' ? 'good' : 'neutral'}`}>
                  {t(`ment.goal.${g.status}` as MessageKey)}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <form
          className="form form-inline"
          onSubmit={(e) => {
            e.preventDefault();
            if (title.trim()) add.mutate();
          }}
        >
          <div className="field grow">
            <label htmlFor={`${id}-title`}>{t('ment.goalTitle')}</label>
            <input id={`${id}-title`} value={title} maxLength={300} onChange={(e) => setTitle(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-due`}>{t('ment.goalDue')}</label>
            <input id={`${id}-due`} type="date" value={due} onChange={(e) => setDue(e.target.value)} />
          </div>
          <button type="submit" className="btn" disabled={!title.trim() || add.isPending}>
            {t('ment.addGoal')}
          </button>
        </form>
      )}
      {(add.error ?? set.error) && (
        <p role="alert" className="alert alert-error">
          {errorText(add.error ?? set.error)}
        </p>
      )}
    </section>
  );
}
