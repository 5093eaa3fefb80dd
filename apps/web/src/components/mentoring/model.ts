export interface Goal {
  id: string;
  title: string;
  dueDate: string | null;
  status: 'open' | 'done' | 'dropped';
  overdue: boolean;
}
export interface Session {
  id: string;
  scheduledAt: string;
  durationMinutes: number | null;
  mode: string;
  agenda: string;
  location: string | null;
  url: string | null;
  notes: string | null;
  outcome: string | null;
  attendeeIds: string[];
  heldAt: string | null;
  held: boolean;
  missingNotes: boolean;
  cancelled: boolean;
  cancelReason: string | null;
}
export interface Progress {
  goalsDone: number;
  goalsTotal: number;
  goalsOverdue: number;
  sessionsHeld: number;
  sessionsWithoutNotes: number;
  daysSinceLastContact: number | null;
}
export interface MentorshipSummary {
  id: string;
  replicationId: string;
  innovationId: string;
  innovationTitle: string;
  originUnit: { id: string; name: string };
  replicatingUnit: { id: string; name: string };
  state: string;
  mentors: { id: string; name: string; unitId: string }[];
  progress: Progress;
  updatedAt: string;
}
export interface MentorshipDetail extends MentorshipSummary {
  goals: Goal[];
  sessions: Session[];
  feedback: { id: string; side: string; rating: number; comment: string | null; authorId: string | null; createdAt: string }[];
  history: { kind: string; from: string | null; to: string; actorName?: string | null; note: string | null; at: string }[];
  allowedTransitions?: string[];
}

/** A Google Calendar "add event" link for a session (the .ics file serves every other calendar). */
export function calendarLink(title: string, s: Session): string {
  const start = new Date(s.scheduledAt);
  const end = new Date(start.getTime() + (s.durationMinutes ?? 60) * 60_000);
  const fmt = (d: Date) =>
    d
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
  const q = new URLSearchParams({
    action: 'TEMPLATE',
    text: title,
    dates: `${fmt(start)}/${fmt(end)}`,
    details: s.agenda,
    location: s.url ?? s.location ?? '',
  });
  return `https://calendar.google.com/calendar/render?${q.toString()}`;
}
