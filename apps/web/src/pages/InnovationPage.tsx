import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { call } from '../api/client';
import { useInnovation, useUnit } from '../api/hooks';
import type { Page, Replication, Thread } from '../api/types';
import { useAuth } from '../auth/session';
import { InnovationAttachments } from '../components/attachments/mounts';
import { FollowButton } from '../components/people/FollowButton';
import { ProposeReplication } from '../components/ProposeReplication';
import { LazyImpact } from '../components/evidence/lazy';
import { VerificationFlag } from '../components/evidence/VerificationFlag';
import { StageBadge } from '../components/StageBadge';
import { ErrorBox, Loading } from '../components/States';
import { useTitle } from '../components/useTitle';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

/** The replicating unit's agency, standing for the region of one replication. */
function ReplicationRegion({ unitId }: { unitId: string }) {
  const unit = useUnit(unitId);
  return <>{unit.data?.agency?.name ?? unit.data?.name ?? '…'}</>;
}

/** Inovasi (/inovasi/:id): details, award, replications by stage and region, threads, propose. */
export function InnovationPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const { session } = useAuth();
  const inn = useInnovation(id);
  useTitle(inn.data?.title);
  const reps = useQuery({
    queryKey: ['replications', 'innovation', id],
    queryFn: () => call<Page<Replication>>('replications', { query: { innovationId: id, limit: 100 } }),
    enabled: !!session && !!id,
  });
  const threads = useQuery({
    queryKey: ['threads', 'innovation', id],
    queryFn: () => call<Page<Thread>>('threads', { query: { innovationId: id } }),
    enabled: !!session && !!id,
  });

  if (inn.isPending)
    return (
      <div className="page">
        <Loading />
      </div>
    );
  if (inn.error)
    return (
      <div className="page">
        <ErrorBox error={inn.error} />
      </div>
    );
  const i = inn.data;
  const byStage = new Map<string, number>();
  for (const r of reps.data?.items ?? []) byStage.set(r.stage, (byStage.get(r.stage) ?? 0) + 1);
  const dl: [MessageKey, string | null | undefined][] = [
    ['inn.unit', i.unit.name],
    ['inn.agency', i.agency.name],
    [
      'inn.region',
      i.region
        ? `${i.region.name}${i.region.province && i.region.province.code !== i.region.code ? `, ${i.region.province.name}` : ''}`
        : i.regionCode,
    ],
    ['inn.year', String(i.year)],
    ['inn.source', i.source],
    ['inn.sector', i.sector],
    ['inn.stage', i.stage],
    ['inn.sustainability', i.sustainability],
    ['inn.digital', i.digital === null ? null : t(i.digital ? 'facet.true' : 'facet.false')],
    ['inn.sdgs', i.sdgs.length ? i.sdgs.map((n) => `TPB ${n}`).join(', ') : null],
  ];

  return (
    <div className="page">
      <p className="crumbs">
        <Link to="/katalog">{t('nav.catalogue')}</Link>
      </p>
      <h1>{i.title}</h1>
      <VerificationFlag innovation={i} />
      {i.award && (
        <p className="award">
          {t('inn.award')}: {i.award}
        </p>
      )}
      <p className="lead">{i.summary}</p>
      <div className="grid-2 wide-left">
        <div>
          {i.description && (
            <section className="card prose">
              {i.description
                .split(/\n{2,}/)
                .filter((para, n) => !(n === 0 && para.trim() === i.summary.trim()))
                .map((para, n) => (
                  <p key={n}>{para}</p>
                ))}
            </section>
          )}
          <section className="card" aria-labelledby="h-reps">
            <h2 id="h-reps">
              {t('inn.replications')} ({i.replicationCount})
            </h2>
            {!session ? (
              <p className="muted">{t('inn.signInToReplicate')}</p>
            ) : reps.isPending ? (
              <Loading />
            ) : reps.error ? (
              <ErrorBox error={reps.error} />
            ) : reps.data.items.length === 0 ? (
              <p className="muted">{t('common.none')}</p>
            ) : (
              <>
                <h3>{t('inn.byStage')}</h3>
                <ul className="chips">
                  {[...byStage].map(([stage, n]) => (
                    <li key={stage}>
                      <StageBadge stage={stage} /> {n}
                    </li>
                  ))}
                </ul>
                <h3>{t('inn.byRegion')}</h3>
                <ul className="list">
                  {reps.data.items.map((r) => (
                    <li key={r.id} className="row-between">
                      <Link to={`/replikasi/${r.id}`}>
                        <ReplicationRegion unitId={r.replicatingUnitId} />
                      </Link>
                      <StageBadge stage={r.stage} />
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
          <LazyImpact innovationId={i.id} />
          {session && (
            <section className="card" aria-labelledby="h-threads">
              <h2 id="h-threads">{t('inn.threads')}</h2>
              {threads.isPending ? (
                <Loading />
              ) : threads.error ? (
                <ErrorBox error={threads.error} />
              ) : threads.data.items.length === 0 ? (
                <p className="muted">{t('inn.noThreads')}</p>
              ) : (
                <ul className="list">
                  {threads.data.items.map((th) => (
                    <li key={th.id}>
                      <Link to={`/diskusi/${th.id}`}>{th.title}</Link>
                    </li>
                  ))}
                </ul>
              )}
              <p>
                <Link to={`/diskusi?inovasi=${id}`}>{t('disc.newThread')}</Link>
              </p>
            </section>
          )}
        </div>
        <div>
          <section className="card" aria-labelledby="h-details">
            <h2 id="h-details">{t('inn.details')}</h2>
            <dl className="details">
              {dl
                .filter(([, v]) => v)
                .map(([k, v]) => (
                  <div key={k}>
                    <dt>{t(k)}</dt>
                    <dd>{v}</dd>
                  </div>
                ))}
            </dl>
            {i.tags.length > 0 && (
              <p>
                {i.tags.map((tag) => (
                  <span key={tag} className="tag">
                    {tag}
                  </span>
                ))}
              </p>
            )}
          </section>
          <ProposeReplication innovationId={i.id} originUnitId={i.unitId} />
          {session && <FollowButton innovationId={i.id} />}
          {session && <InnovationAttachments innovationId={i.id} unitId={i.unitId} />}
        </div>
      </div>
    </div>
  );
}
