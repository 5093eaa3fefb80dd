import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Unit } from './organisation.entity';
import { Replication } from './replication.entity';
import { User } from './user.entity';

export const MENTORSHIP_STATES = ['PROPOSED', 'ACTIVE', 'PAUSED', 'COMPLETED', 'DECLINED', 'CANCELLED'] as const;
export type MentorshipState = (typeof MENTORSHIP_STATES)[number];
/** States that still count as "the" mentorship of a replication (at most one at a time). */
export const OPEN_MENTORSHIP_STATES: readonly MentorshipState[] = ['PROPOSED', 'ACTIVE', 'PAUSED'];

/** Which side put the mentorship forward: the replicating team, the origin side, or staff. */
export type ProposerSide = 'mentee' | 'origin' | 'staff';

export const GOAL_STATUSES = ['open', 'done', 'dropped'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export const SESSION_MODES = ['online', 'onsite', 'field_visit'] as const;
export type SessionMode = (typeof SESSION_MODES)[number];

export type FeedbackSide = 'mentor' | 'mentee';

/** Pendampingan: mentors of the origin (or facilitator) unit accompany a replicating team. */
@Entity({ tableName: 'mentorships' })
export class Mentorship {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index()
  @ManyToOne(() => Replication, { deleteRule: 'cascade' })
  replication: Replication;

  @Property({ type: 'text' })
  state: MentorshipState = 'PROPOSED';

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  proposedBy?: User | null;

  @Property({ type: 'text' })
  proposedBySide: ProposerSide;

  @Property({ type: 'timestamptz', nullable: true })
  activatedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  closedAt?: Date | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  constructor(replication: Replication, proposedBy: User | null, proposedBySide: ProposerSide) {
    this.replication = replication;
    this.proposedBy = proposedBy;
    this.proposedBySide = proposedBySide;
  }
}

/** A mentor of a mentorship, with the unit (origin or facilitator) they mentor for. */
@Entity({ tableName: 'mentorship_mentors' })
@Unique({ properties: ['mentorship', 'user'] })
export class MentorshipMentor {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Mentorship, { deleteRule: 'cascade' })
  mentorship: Mentorship;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user: User;

  @ManyToOne(() => Unit, { deleteRule: 'cascade' })
  unit: Unit;

  /** Order as proposed (the first mentor leads). */
  @Property({ type: 'int' })
  position: number = 0;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  constructor(mentorship: Mentorship, user: User, unit: Unit, position = 0) {
    this.mentorship = mentorship;
    this.user = user;
    this.unit = unit;
    this.position = position;
  }
}

/** A goal or milestone of a mentorship. */
@Entity({ tableName: 'mentorship_goals' })
export class MentorshipGoal {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Mentorship, { deleteRule: 'cascade' })
  mentorship: Mentorship;

  @Property({ type: 'text' })
  title: string;

  /** Calendar date, `YYYY-MM-DD`. */
  @Property({ type: 'date', nullable: true })
  dueDate?: string | null;

  @Property({ type: 'text' })
  status: GoalStatus = 'open';

  @Property({ type: 'timestamptz', nullable: true })
  completedAt?: Date | null;

  /** Set once the "due soon" notice went out; cleared when the due date moves. */
  @Property({ type: 'timestamptz', nullable: true })
  dueNotifiedAt?: Date | null;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  createdBy?: User | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  constructor(mentorship: Mentorship, title: string, dueDate: string | null, createdBy: User | null) {
    this.mentorship = mentorship;
    this.title = title;
    this.dueDate = dueDate;
    this.createdBy = createdBy;
  }
}

/** A mentoring session: scheduled with an agenda, then notes, attendance and outcome once held. */
@Entity({ tableName: 'mentorship_sessions' })
export class MentorshipSession {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Mentorship, { deleteRule: 'cascade' })
  mentorship: Mentorship;

  @Property({ type: 'timestamptz' })
  scheduledAt: Date;

  @Property({ type: 'int' })
  durationMinutes: number = 90;

  @Property({ type: 'text' })
  mode: SessionMode;

  @Property({ type: 'text' })
  agenda: string;

  @Property({ type: 'text', nullable: true })
  location?: string | null;

  @Property({ type: 'text', nullable: true })
  url?: string | null;

  @Property({ type: 'text', nullable: true })
  notes?: string | null;

  @Property({ type: 'text', nullable: true })
  outcome?: string | null;

  @Property({ type: 'string[]', columnType: 'uuid[]' })
  attendeeIds: string[] = [];

  @Property({ type: 'timestamptz', nullable: true })
  heldAt?: Date | null;

  /** iCalendar SEQUENCE: bumped whenever time, place or agenda change, and on cancellation. */
  @Property({ type: 'int' })
  sequence: number = 0;

  /** Set when the session was called off before it was held; it is then read-only. */
  @Property({ type: 'timestamptz', nullable: true })
  cancelledAt?: Date | null;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  cancelledBy?: User | null;

  @Property({ type: 'text', nullable: true })
  cancelReason?: string | null;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  createdBy?: User | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  constructor(mentorship: Mentorship, scheduledAt: Date, mode: SessionMode, agenda: string, createdBy: User | null) {
    this.mentorship = mentorship;
    this.scheduledAt = scheduledAt;
    this.mode = mode;
    this.agenda = agenda;
    this.createdBy = createdBy;
  }
}

/** One side's rating of the other once a mentorship completed. */
@Entity({ tableName: 'mentorship_feedback' })
@Unique({ properties: ['mentorship', 'side'] })
export class MentorshipFeedback {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Mentorship, { deleteRule: 'cascade' })
  mentorship: Mentorship;

  /** Who gave it: the mentor side rates the replicating unit, the mentee side the origin unit. */
  @Property({ type: 'text' })
  side: FeedbackSide;

  @ManyToOne(() => Unit, { deleteRule: 'cascade' })
  ratedUnit: Unit;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  author?: User | null;

  @Property({ type: 'smallint' })
  rating: number;

  @Property({ type: 'text', nullable: true })
  comment?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  constructor(mentorship: Mentorship, side: FeedbackSide, ratedUnit: Unit, author: User | null, rating: number, comment: string | null) {
    this.mentorship = mentorship;
    this.side = side;
    this.ratedUnit = ratedUnit;
    this.author = author;
    this.rating = rating;
    this.comment = comment;
  }
}

/** What a history entry records: a move of the state, or a change of the mentors. */
export type MentorshipHistoryKind = 'state' | 'mentors';

/**
 * One entry of a mentorship's history: who, when, why. A move of its state (`kind` state), or
 * a change of its mentors (`kind` mentors: the state stays, `mentorsAdded`/`mentorsRemoved` say who).
 */
@Entity({ tableName: 'mentorship_transitions' })
export class MentorshipTransition {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Mentorship, { deleteRule: 'cascade' })
  mentorship: Mentorship;

  @Property({ type: 'text' })
  kind: MentorshipHistoryKind = 'state';

  @Property({ type: 'string[]', columnType: 'uuid[]', nullable: true })
  mentorsAdded?: string[] | null;

  @Property({ type: 'string[]', columnType: 'uuid[]', nullable: true })
  mentorsRemoved?: string[] | null;

  @Property({ type: 'text', nullable: true })
  fromState?: MentorshipState | null;

  @Property({ type: 'text' })
  toState: MentorshipState;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  actor?: User | null;

  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @Property({ type: 'timestamptz' })
  at: Date = new Date();

  constructor(
    mentorship: Mentorship,
    fromState: MentorshipState | null,
    toState: MentorshipState,
    actor: User | null,
    note?: string | null,
  ) {
    this.mentorship = mentorship;
    this.fromState = fromState;
    this.toState = toState;
    this.actor = actor;
    this.note = note ?? null;
  }
}
