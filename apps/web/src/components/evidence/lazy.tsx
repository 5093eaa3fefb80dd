import { lazy, Suspense } from 'react';
import { fillPath } from '../../api/routes';
import { EVIDENCE_ROUTES } from '../../api/routes-evidence';
import type { Replication } from '../../api/types';
import { Loading } from '../States';
import type { DocumentSpec } from './DocumentsPanel';

/*
 * The evidence sections that existing pages mount, each loaded on demand so the pages' own
 * chunks (and the initial bundle) stay as they were.
 */
const ReplicationEvidenceChunk = lazy(() => import('./ReplicationEvidence'));
const ImpactChunk = lazy(() => import('./ImpactPanel'));
const CampaignsChunk = lazy(() => import('./CampaignsPanel'));
const ImpactStatsChunk = lazy(() => import('./ImpactStats'));
const DocumentsChunk = lazy(() => import('./DocumentsPanel').then((m) => ({ default: m.DocumentsPanel })));

export function LazyReplicationEvidence({ replication }: { replication: Replication }) {
  return (
    <Suspense fallback={<Loading />}>
      <ReplicationEvidenceChunk replication={replication} />
    </Suspense>
  );
}

export function LazyImpact({ innovationId }: { innovationId: string }) {
  return (
    <Suspense fallback={<Loading />}>
      <ImpactChunk innovationId={innovationId} />
    </Suspense>
  );
}

/** The mentoring report (once COMPLETED) on the mentorship page. */
export function LazyMentorshipDocuments({ mentorship, canRevoke }: { mentorship: { id: string; state: string }; canRevoke: boolean }) {
  const docs: DocumentSpec[] = [
    {
      kind: 'report',
      url: fillPath(EVIDENCE_ROUTES.mentoringReport[1], { id: mentorship.id }),
      available: mentorship.state === 'COMPLETED',
    },
  ];
  return (
    <Suspense fallback={<Loading />}>
      <DocumentsChunk docs={docs} canRevoke={canRevoke} />
    </Suspense>
  );
}

/** The curator's data refresh campaigns tab. */
export function LazyCampaigns() {
  return (
    <Suspense fallback={<Loading />}>
      <CampaignsChunk />
    </Suspense>
  );
}

/** The impact roll-up in the curator statistics. */
export function LazyImpactStats() {
  return (
    <Suspense fallback={<Loading />}>
      <ImpactStatsChunk />
    </Suspense>
  );
}
