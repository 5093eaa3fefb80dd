import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { call } from '../api/client';
import { useReplication, useUnit } from '../api/hooks';
import type { Mentorship, Page, Replication, Thread } from '../api/types';
import { LazyReplicationEvidence } from '../components/evidence/lazy';
import { StageMoveError } from '../components/evidence/StageMoveError';
import { ReplicationAttachments } from '../components/attachments/mounts';
import { StageBadge } from '../components/StageBadge';
import { ErrorBox, Loading } from '../components/States';
import { useTitle } from '../components/useTitle';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

function UnitName({ id }: { id: string }) {
  const u = useUnit(id);
  return (
    <>
      {u.data?.name ?? '…'}
      {u.data?.agency && <span className="muted small"> — {u.data.agency.name}</span>}
    </>
  );
}

/** Replikasi (/replikasi/:id): stage timeline, allowed next stages with a note, units, links. */
export function ReplicationPage() {
  const { id } = useParams();
  const { t, formatDate } = useI18n();
  const qc = useQueryClient();
  const rep = useReplication(id);
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);
  useTitle(rep.data ? t('rep.title', { title: rep.data.innovationTitle ?? '' }) : undefined);
  const threads = useQuery({
    queryKey: ['threads', 'replication', id],
    queryFn: () => call<Page<Thread>>('threads', { query: { replicationId: id } }),
    enabled: !!id,
  });
  const mentorships = useQuery({
    queryKey: ['mentorships', 'replication', id, rep.data?.replicatingUnitId],
    queryFn: async () =>
      (await call<Page<Mentorship>>('mentorships', { query: { unitId: rep.data!.replicatingUnitId } })).items.filter(
        (m) => m.replicationId === id,
      ),
    enabled: !!rep.data,
  });
  const move = useMutation({
    mutationFn: (to: string) =>
      call<Replication>('transition', { params: { id: id! }, body: note.trim() ? { to, note: note.trim() } : { to } }),
    onSuccess: (r) => {
      qc.setQueryData(['replication', id], (old: Replication | undefined) => ({ ...old, ...r }));
      void qc.invalidateQueries({ queryKey: ['replication', id] });
      void qc.invalidateQueries({ queryKey: ['replications'] });
      setNote('');
      setDone(t('rep.moved', { stage: t(`stage.${r.stage}` as MessageKey) }));
    },
  });

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
  const r = rep.data;
  const next = r.nextStages ?? [];

  return (
    <div className="page">
      <p className="crumbs">
        <Link to={`/inovasi/${r.innovationId}`}>{r.innovationTitle ?? t('nav.catalogue')}</Link>
      </p>
      <h1>{t('rep.title', { title: r.innovationTitle ?? '' })}</h1>
      <p>
        {t('rep.current')}: <StageBadge stage={r.stage} />
      </p>
      <div className="grid-2 wide-left">
        <div>
          <section className="card" aria-labelledby="h-timeline">
            <h2 id="h-timeline">{t('rep.timeline')}</h2>
            <ol className="timeline">
              {(r.history ?? []).map((h, n) => (
                <li key={n}>
                  <StageBadge stage={h.to} />
                  <time dateTime={h.at}>{formatDate(h.at, true)}</time>
                  {h.actorName && <span className="muted small"> {t('rep.by', { name: h.actorName })}</span>}
                  {h.note && <p className="note">{h.note}</p>}
                </li>
              ))}
            </ol>
          </section>
          <section className="card" aria-labelledby="h-next">
            <h2 id="h-next">{t('rep.next')}</h2>
            {done && (
              <p className="alert alert-success" role="status">
                {done}
              </p>
            )}
            {next.length === 0 ? (
              <p className="muted">{t('rep.noNext')}</p>
            ) : (
              <>
                <div className="field">
                  <label htmlFor="rep-note">{t('rep.note')}</label>
                  <textarea id="rep-note" rows={2} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
                </div>
                <div className="row wrap">
                  {next.map((s) => (
                    <button key={s} type="button" className="btn" disabled={move.isPending} onClick={() => move.mutate(s)}>
                      {t('rep.move', { stage: t(`stage.${s}` as MessageKey) })}
                    </button>
                  ))}
                </div>
              </>
            )}
            {move.error && <StageMoveError key={move.submittedAt} error={move.error} replication={r} to={move.variables} />}
          </section>
        </div>
        <div>
          <section className="card" aria-labelledby="h-units">
            <h2 id="h-units">{t('rep.units')}</h2>
            <dl className="details">
              <div>
                <dt>{t('rep.origin')}</dt>
                <dd>
                  <UnitName id={r.originUnitId} />
                </dd>
              </div>
              <div>
                <dt>{t('rep.replicating')}</dt>
                <dd>
                  <UnitName id={r.replicatingUnitId} />
                </dd>
              </div>
              {r.facilitatorUnitId && (
                <div>
                  <dt>{t('rep.facilitatorRole')}</dt>
                  <dd>
                    <UnitName id={r.facilitatorUnitId} />
                  </dd>
                </div>
              )}
              <div>
                <dt>{t('rep.model')}</dt>
                <dd>{t(`model.${r.model}` as MessageKey)}</dd>
              </div>
            </dl>
          </section>
          <section className="card" aria-labelledby="h-links">
            <h2 id="h-links">{t('rep.links')}</h2>
            <ul className="list">
              {r.playbookId && (
                <li>
                  <Link to={`/playbooks/${r.playbookId}`}>{t('rep.playbook')}</Link>
                </li>
              )}
              {(threads.data?.items ?? []).map((th) => (
                <li key={th.id}>
                  {t('rep.thread')}: <Link to={`/diskusi/${th.id}`}>{th.title}</Link>
                </li>
              ))}
              {(mentorships.data ?? []).map((m) => (
                <li key={m.id}>
                  <Link to={`/pendampingan/${m.id}`}>{t('rep.mentorship')}</Link>{' '}
                  <span className="muted small">({t(`mstate.${m.state}` as MessageKey)})</span>
                </li>
              ))}
              <li>
                <Link to={`/diskusi?replikasi=${r.id}`}>{t('disc.threads')}</Link>
              </li>
              <li>
                <Link to={`/pendampingan/baru?replikasi=${r.id}`}>{t('ment.propose')}</Link>
              </li>
            </ul>
          </section>
          <ReplicationAttachments replication={r} />
        </div>
      </div>
      <LazyReplicationEvidence replication={r} />
    </div>
  );
}
