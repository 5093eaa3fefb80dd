import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { call } from '../api/client';
import { useReplication, useUnit } from '../api/hooks';
import '../components/part2/part2.css';
import { errorText } from '../components/part2/errors';
import { ErrorBox, Loading } from '../components/States';
import { useTitle } from '../components/useTitle';
import { useI18n } from '../i18n/i18n';

/** Usulkan pendampingan (/pendampingan/baru?replikasi=:id): mentors from the origin unit, first goals. */
export function ProposeMentorshipPage() {
  const [params] = useSearchParams();
  const replicationId = params.get('replikasi') ?? undefined;
  const { t } = useI18n();
  const id = useId();
  const navigate = useNavigate();
  const rep = useReplication(replicationId);
  const origin = useUnit(rep.data?.originUnitId);
  const members = useQuery({
    queryKey: ['unitMembers', rep.data?.originUnitId],
    enabled: !!rep.data,
    queryFn: () => call<{ userId: string; name: string }[]>('unitMembers', { params: { id: rep.data!.originUnitId } }),
  });
  const [mentors, setMentors] = useState<string[]>([]);
  const [goals, setGoals] = useState('');
  useTitle(t('ment.propose'));
  const propose = useMutation({
    mutationFn: () =>
      call<{ id: string }>('createMentorship', {
        body: {
          replicationId,
          mentorIds: mentors,
          goals: goals
            .split('\n')
            .map((g) => g.trim())
            .filter(Boolean)
            .map((title) => ({ title })),
        },
      }),
    onSuccess: (m) => navigate(`/pendampingan/${m.id}`),
  });
  if (!replicationId)
    return (
      <div className="page">
        <ErrorBox error={new Error('replikasi')} />
      </div>
    );
  if (rep.isPending)
    return (
      <div className="page">
        <Loading />
      </div>
    );
  if (rep.error)
    return (
      <div className="page">
        <ErrorBox error={rep.error} />
      </div>
    );
  return (
    <div className="page">
      <p className="crumbs">
        <Link to={`/replikasi/${replicationId}`}>{t('ment.openReplication')}</Link>
      </p>
      <h1>{t('ment.propose')}</h1>
      <p className="lead">{rep.data.innovationTitle}</p>
      <form
        className="form card"
        onSubmit={(e) => {
          e.preventDefault();
          if (mentors.length) propose.mutate();
        }}
      >
        <fieldset className="facet">
          <legend>
            {t('ment.mentorIds')} — {origin.data?.name ?? '…'}
          </legend>
          {members.data?.map((m) => (
            <label key={m.userId} className="radio">
              <input
                type="checkbox"
                checked={mentors.includes(m.userId)}
                onChange={(e) => setMentors(e.target.checked ? [...mentors, m.userId] : mentors.filter((x) => x !== m.userId))}
              />
              {m.name}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-goals`}>{t('ment.goals')}</label>
          <textarea id={`${id}-goals`} rows={4} value={goals} onChange={(e) => setGoals(e.target.value)} aria-describedby={`${id}-hint`} />
          <p id={`${id}-hint`} className="hint">
            {t('ment.goalTitle')} — 1 / baris
          </p>
        </div>
        <div>
          <button type="submit" className="btn btn-primary" disabled={!mentors.length || propose.isPending}>
            {t('ment.propose')}
          </button>
        </div>
        {propose.error && (
          <p role="alert" className="alert alert-error">
            {errorText(propose.error)}
          </p>
        )}
      </form>
    </div>
  );
}
