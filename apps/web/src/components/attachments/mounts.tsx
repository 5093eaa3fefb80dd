import type { Replication } from '../../api/types';
import { useAuth } from '../../auth/session';
import { AttachmentsPanel } from './AttachmentsPanel';

/**
 * One-line mounts for the screens: each works out from the signed-in person who may add files,
 * by the same rules as the API (which still decides; a refused upload says so).
 */
function useMe() {
  const { me } = useAuth();
  const staff = !!me?.roles.some((r) => r === 'curator' || r === 'admin');
  const memberOf = (...units: (string | null | undefined)[]) => !!me?.memberships.some((m) => units.includes(m.unitId));
  return { staff, memberOf };
}

/** Files of a replication: its origin, replicating and facilitator units, curators and admins add. */
export function ReplicationAttachments({ replication: r }: { replication: Replication }) {
  const { staff, memberOf } = useMe();
  return (
    <AttachmentsPanel kind="replication" id={r.id} canAdd={staff || memberOf(r.originUnitId, r.replicatingUnitId, r.facilitatorUnitId)} />
  );
}

/** Files of an innovation: members of its unit, curators and admins add. */
export function InnovationAttachments({ innovationId, unitId }: { innovationId: string; unitId: string | null | undefined }) {
  const { staff, memberOf } = useMe();
  return <AttachmentsPanel kind="innovation" id={innovationId} canAdd={staff || memberOf(unitId)} />;
}

/** Files under a post: only its author adds; shown compact, and not at all when empty for others. */
export function PostAttachments({ postId, authorId }: { postId: string; authorId: string | null | undefined }) {
  const { me } = useAuth();
  const mine = !!me && me.id === authorId;
  return <AttachmentsPanel kind="post" id={postId} canAdd={mine} canManage={mine} compact />;
}

/** Files of a mentoring session: those who manage the mentorship's sessions add. */
export function SessionAttachments({
  mentorshipId,
  sessionId,
  canManage,
}: {
  mentorshipId: string;
  sessionId: string;
  canManage: boolean;
}) {
  return <AttachmentsPanel kind="session" id={sessionId} mentorshipId={mentorshipId} canAdd={canManage} level={3} />;
}
