import { AppError, badRequest } from '@app/common';
import { MentorshipState } from '@app/database';
import type { MentorshipContext } from './mentorship-context.service';
import { isTerminal } from './mentorship-state-machine';

/** Dates outside this range are typos (and some would overflow PostgreSQL): 400. */
function inRange(d: Date, field: string): Date {
  const y = d.getUTCFullYear();
  if (Number.isNaN(d.getTime()) || y < 1990 || y > 2100) throw badRequest(`${field}: must be a date between 1990 and 2100`);
  return d;
}

/** `YYYY-MM-DD` of an ISO date or date-time (its UTC date). */
export function toDate(value: string): string {
  return inRange(new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value), 'dueDate')
    .toISOString()
    .slice(0, 10);
}

/** An ISO date-time within the plausible range. */
export const toTime = (value: string, field: string) => inRange(new Date(value), field);

export function mentorshipClosedError(state: MentorshipState) {
  return new AppError('MENTORSHIP_CLOSED', `The mentorship is ${state}`);
}

/** Goals, sessions and mentors change only while the mentorship is open (409 MENTORSHIP_CLOSED). */
export function assertOpen(ctx: MentorshipContext): void {
  if (isTerminal(ctx.mentorship.state)) throw mentorshipClosedError(ctx.mentorship.state);
}
