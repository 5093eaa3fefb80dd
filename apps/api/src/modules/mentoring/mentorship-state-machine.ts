import type { MentorshipState } from '@app/database';

/**
 * How a user stands towards one mentorship. A user may hold several capacities at once.
 * - `mentor`: listed as a mentor;
 * - `originAdmin`: admin of the replication's origin unit (may answer for its mentors);
 * - `mentee`: member of the replicating unit (the team being mentored);
 * - `responder`: the side that must answer a proposal — mentors and origin admins when the
 *   replicating team or staff proposed, the replicating team when the origin side proposed;
 * - `staff`: curator or platform admin (may do anything).
 */
export type Capacity = 'mentor' | 'originAdmin' | 'mentee' | 'responder' | 'staff';

const EITHER_SIDE: Capacity[] = ['mentee', 'mentor', 'originAdmin', 'staff'];

/**
 * THE state machine of a mentorship, with who may make each move. A move missing here is
 * 409 INVALID_TRANSITION whoever asks; a move present here by someone without one of the listed
 * capacities is 403.
 *
 *   PROPOSED → ACTIVE ⇄ PAUSED → COMPLETED;  PROPOSED → DECLINED;  any open state → CANCELLED
 */
export const MENTORSHIP_TRANSITIONS: Readonly<Record<MentorshipState, Partial<Record<MentorshipState, Capacity[]>>>> = {
  PROPOSED: {
    ACTIVE: ['responder', 'staff'], // accepted
    DECLINED: ['responder', 'staff'],
    CANCELLED: EITHER_SIDE, // withdrawn before it started
  },
  ACTIVE: {
    PAUSED: EITHER_SIDE,
    COMPLETED: EITHER_SIDE,
    CANCELLED: EITHER_SIDE,
  },
  PAUSED: {
    ACTIVE: EITHER_SIDE, // resumed
    COMPLETED: EITHER_SIDE,
    CANCELLED: EITHER_SIDE,
  },
  COMPLETED: {},
  DECLINED: {},
  CANCELLED: {},
};

export const isTerminal = (state: MentorshipState): boolean => Object.keys(MENTORSHIP_TRANSITIONS[state]).length === 0;

export type TransitionCheck = { ok: true } | { ok: false; reason: 'INVALID_TRANSITION' | 'FORBIDDEN' };

/** Can someone with these capacities move a mentorship from `from` to `to`? */
export function checkTransition(from: MentorshipState, to: MentorshipState, capacities: ReadonlySet<Capacity>): TransitionCheck {
  const allowed = MENTORSHIP_TRANSITIONS[from][to];
  if (!allowed) return { ok: false, reason: 'INVALID_TRANSITION' };
  return allowed.some((c) => capacities.has(c)) ? { ok: true } : { ok: false, reason: 'FORBIDDEN' };
}

/** The moves these capacities may make from `from` (shown to clients as `allowedTransitions`). */
export function allowedTransitions(from: MentorshipState, capacities: ReadonlySet<Capacity>): MentorshipState[] {
  return (Object.entries(MENTORSHIP_TRANSITIONS[from]) as [MentorshipState, Capacity[]][])
    .filter(([, who]) => who.some((c) => capacities.has(c)))
    .map(([to]) => to);
}
