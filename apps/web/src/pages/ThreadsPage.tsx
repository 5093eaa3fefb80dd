import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { call } from '../api/client';
import type { Page } from '../api/types';
import { Composer } from '../components/discussion/Composer';
import type { ThreadDetail } from '../components/discussion/model';
import '../components/part2/part2.css';
import { errorText } from '../components/part2/errors';
import { ErrorBox, Loading } from '../components/States';
import { useTitle } from '../components/useTitle';
import { useI18n } from '../i18n/i18n';

/**
 * Diskusi of one innovation (`/diskusi?inovasi=:id`) or replication (`?replikasi=:id`): pinned
 * threads first, then by latest activity (the server's order), and a form to start one.
 */
export function ThreadsPage() {
  const [params] = useSearchParams();
  const innovationId = params.get('inovasi') ?? undefined;
  const replicationId = params.get('replikasi') ?? undefined;
  const { t, formatDate } = useI18n();
  const navigate = useNavigate();
  const id = useId();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  useTitle(t('disc.threads'));
  const scope = innovationId ? { innovationId } : replicationId ? { replicationId } : {};
  const threads = useQuery({
    queryKey: ['threads', scope],
    queryFn: () => call<Page<ThreadDetail>>('threads', { query: { ...scope, limit: 50 } }),
  });
  const create = useMutation({
    mutationFn: () => call<ThreadDetail>('createThread', { body: { ...scope, title: title.trim(), body } }),
    onSuccess: (th) => navigate(`/diskusi/${th.id}`),
  });
  const back = innovationId ? `/inovasi/${innovationId}` : replicationId ? `/replikasi/${replicationId}` : '/';
  return (
    <div className="page">
      <p className="crumbs">
        <Link to={back}>{t('common.back')}</Link>
      </p>
      <h1>{t('disc.threads')}</h1>
      {threads.isPending ? (
        <Loading />
      ) : threads.error ? (
        <ErrorBox error={threads.error} />
      ) : threads.data.items.length === 0 ? (
        <p className="muted">{t('disc.noThreads')}</p>
      ) : (
        <ul className="list card">
          {threads.data.items.map((th) => (
            <li key={th.id}>
              <Link to={`/diskusi/${th.id}`}>
                <strong>{th.title}</strong>
              </Link>
              <p className="row wrap small">
                {th.pinned && <span className="tag">📌 {t('disc.pinned')}</span>}
                {th.locked && <span className="tag tag-award">🔒 {t('disc.locked')}</span>}
                {th.answered && <span className="tag tag-ok">✓ {t('disc.answered')}</span>}
                <span className="muted">{t('disc.posts', { count: th.postCount })}</span>
                <span className="muted">{t('disc.lastActivity', { when: formatDate(th.lastPostAt, true) })}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
      {(innovationId || replicationId) && (
        <section className="card" aria-labelledby={`${id}-h`}>
          <h2 id={`${id}-h`}>{t('disc.newThread')}</h2>
          <div className="field">
            <label htmlFor={`${id}-title`}>{t('disc.threadTitle')}</label>
            <input id={`${id}-title`} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
          </div>
          <Composer
            value={body}
            onChange={setBody}
            onSubmit={() => title.trim() && create.mutate()}
            submitLabel={t('disc.create')}
            busy={create.isPending}
            known={[]}
            label={t('disc.editorLabel')}
          />
          {create.error && (
            <p role="alert" className="alert alert-error">
              {errorText(create.error)}
            </p>
          )}
        </section>
      )}
    </div>
  );
}
