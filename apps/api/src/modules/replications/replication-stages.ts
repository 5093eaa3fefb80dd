import type { ReplicationStage } from '@app/database';

/**
 * Who may move a replication: the origin unit (instansi asal) agrees or declines, the
 * replicating unit (replikator) moves its own progress; curators and admins may make any move
 * the machine allows.
 */
export type Mover = 'origin' | 'replicating';

/**
 * The replication state machine of LAN's replication guide, the one place it is defined:
 * from-stage → allowed to-stage → who may make that move.
 * PROPOSED → AGREED → PREPARING → PLANNING → IMPLEMENTING → EVALUATING → INSTITUTIONALIZED,
 * side exits DECLINED (origin, from PROPOSED), WITHDRAWN (replicating unit, before
 * institutionalisation), STALLED (from IMPLEMENTING / EVALUATING, back to IMPLEMENTING) and
 * DISCONTINUED (the replication was stopped after it was agreed). Evaluation may send the
 * work back to IMPLEMENTING.
 */
export const REPLICATION_TRANSITIONS: Record<ReplicationStage, Partial<Record<ReplicationStage, readonly Mover[]>>> = {
  PROPOSED: { AGREED: ['origin'], DECLINED: ['origin'], WITHDRAWN: ['replicating'] },
  AGREED: { PREPARING: ['replicating'], WITHDRAWN: ['replicating'], DISCONTINUED: ['replicating', 'origin'] },
  PREPARING: { PLANNING: ['replicating'], WITHDRAWN: ['replicating'], DISCONTINUED: ['replicating', 'origin'] },
  PLANNING: { IMPLEMENTING: ['replicating'], WITHDRAWN: ['replicating'], DISCONTINUED: ['replicating', 'origin'] },
  IMPLEMENTING: {
    EVALUATING: ['replicating'],
    STALLED: ['replicating'],
    WITHDRAWN: ['replicating'],
    DISCONTINUED: ['replicating', 'origin'],
  },
  EVALUATING: {
    INSTITUTIONALIZED: ['replicating'],
    IMPLEMENTING: ['replicating'],
    STALLED: ['replicating'],
    WITHDRAWN: ['replicating'],
    DISCONTINUED: ['replicating', 'origin'],
  },
  STALLED: { IMPLEMENTING: ['replicating'], WITHDRAWN: ['replicating'], DISCONTINUED: ['replicating', 'origin'] },
  INSTITUTIONALIZED: {},
  DECLINED: {},
  WITHDRAWN: {},
  DISCONTINUED: {},
};

/** Stages after which a unit may propose the same innovation again, and that do not count as a replication. */
export const INACTIVE_STAGES: readonly ReplicationStage[] = ['DECLINED', 'WITHDRAWN', 'DISCONTINUED'];
/** Stages that never count toward an innovation's replication count. */
export const UNCOUNTED_STAGES: readonly ReplicationStage[] = ['DECLINED', 'WITHDRAWN'];

export function allowedMovers(from: ReplicationStage, to: ReplicationStage): readonly Mover[] | null {
  return REPLICATION_TRANSITIONS[from]?.[to] ?? null;
}

export function nextStages(from: ReplicationStage): ReplicationStage[] {
  return Object.keys(REPLICATION_TRANSITIONS[from] ?? {}) as ReplicationStage[];
}
