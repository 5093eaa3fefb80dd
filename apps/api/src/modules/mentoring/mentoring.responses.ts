import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NamedRef } from '@app/common';
import { MENTORSHIP_STATES } from '@app/database';

const byStateSchema = {
  type: 'object',
  additionalProperties: { type: 'integer' },
  description: 'Count per state (every state, 0 when none)',
} as const;

export class MentorshipProgressResponse {
  @ApiProperty() goalsDone: number;
  @ApiProperty({ description: 'Goals not dropped' }) goalsTotal: number;
  @ApiProperty({ description: 'Open goals past their due date' }) goalsOverdue: number;
  @ApiProperty({ description: 'Cancelled sessions never count' }) sessionsHeld: number;
  @ApiProperty({ description: 'Held (or past, not cancelled) sessions without notes' }) sessionsWithoutNotes: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastContactAt: string | null;
  @ApiProperty({ type: Number, nullable: true }) daysSinceLastContact: number | null;
}

export class MentorResponse extends NamedRef {
  @ApiProperty({ format: 'uuid', description: 'The unit the mentor represents' }) unitId: string;
}

export class MentorshipSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) replicationId: string;
  @ApiProperty({ format: 'uuid' }) innovationId: string;
  @ApiProperty() innovationTitle: string;
  @ApiProperty({ type: NamedRef }) originUnit: NamedRef;
  @ApiProperty({ type: NamedRef }) replicatingUnit: NamedRef;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) facilitatorUnitId: string | null;
  @ApiProperty({ enum: MENTORSHIP_STATES }) state: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) proposedById: string | null;
  @ApiProperty({ enum: ['mentee', 'origin', 'staff'] }) proposedBySide: string;
  @ApiProperty({ type: [MentorResponse] }) mentors: MentorResponse[];
  @ApiProperty({ type: MentorshipProgressResponse }) progress: MentorshipProgressResponse;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) activatedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class MentorshipPageResponse {
  @ApiProperty({ type: [MentorshipSummaryResponse] }) items: MentorshipSummaryResponse[];
  @ApiProperty() total: number;
}

export class GoalResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueDate: string | null;
  @ApiProperty({ enum: ['open', 'done', 'dropped'] }) status: string;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class SessionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) mentorshipId: string;
  @ApiProperty({ format: 'date-time' }) scheduledAt: string;
  @ApiProperty() durationMinutes: number;
  @ApiProperty({ enum: ['online', 'onsite', 'field_visit'] }) mode: string;
  @ApiProperty() agenda: string;
  @ApiProperty({ type: String, nullable: true }) location: string | null;
  @ApiProperty({ type: String, nullable: true }) url: string | null;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty({ type: String, nullable: true }) outcome: string | null;
  @ApiProperty({ type: [String] }) attendeeIds: string[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) heldAt: string | null;
  @ApiProperty() held: boolean;
  @ApiProperty() missingNotes: boolean;
  @ApiProperty({ description: 'iCalendar SEQUENCE' }) sequence: number;
  @ApiProperty({ description: 'Called off before it was held: read-only' }) cancelled: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) cancelledAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) cancelledById: string | null;
  @ApiProperty({ type: String, nullable: true }) cancelReason: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdById: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class FeedbackResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) mentorshipId: string;
  @ApiProperty({ enum: ['mentor', 'mentee'] }) side: string;
  @ApiProperty({ format: 'uuid' }) ratedUnitId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) authorId: string | null;
  @ApiProperty({ minimum: 1, maximum: 5 }) rating: number;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class MentorshipHistoryEntry {
  @ApiProperty({ enum: ['state', 'mentors'] }) kind: string;
  @ApiProperty({ type: String, nullable: true }) from: string | null;
  @ApiProperty() to: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty({ type: String, nullable: true }) actorName: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiPropertyOptional({ type: [String], description: 'kind mentors' }) mentorsAdded?: string[];
  @ApiPropertyOptional({ type: [String], description: 'kind mentors' }) mentorsRemoved?: string[];
}

export class MentorshipResponse extends MentorshipSummaryResponse {
  @ApiProperty({ type: [GoalResponse] }) goals: GoalResponse[];
  @ApiProperty({ type: [SessionResponse] }) sessions: SessionResponse[];
  @ApiProperty({ type: [GoalResponse] }) overdueGoals: GoalResponse[];
  @ApiProperty({ type: [String], description: 'Ids of sessions without notes' }) sessionsWithoutNotes: string[];
  @ApiProperty({ type: [FeedbackResponse] }) feedback: FeedbackResponse[];
  @ApiProperty({ type: [MentorshipHistoryEntry] }) history: MentorshipHistoryEntry[];
  @ApiProperty({ enum: MENTORSHIP_STATES, isArray: true, description: 'Moves the caller may make now' }) allowedTransitions: string[];
}

export class RatingResponse {
  @ApiProperty({ type: Number, nullable: true, description: 'Average 1..5, two decimals' }) average: number | null;
  @ApiProperty() count: number;
}

export class UnitRatingResponse {
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty({ type: Number, nullable: true }) average: number | null;
  @ApiProperty() count: number;
  @ApiProperty({ type: RatingResponse, description: 'Given by replicating teams it mentored' }) asMentor: RatingResponse;
  @ApiProperty({ type: RatingResponse, description: 'Given by its mentors' }) asMentee: RatingResponse;
}

export class DashboardTallyResponse {
  @ApiProperty(byStateSchema) byState: Record<string, number>;
  @ApiProperty() goalsDone: number;
  @ApiProperty() goalsTotal: number;
  @ApiProperty() goalsOverdue: number;
  @ApiProperty() sessionsHeld: number;
  @ApiProperty() sessionsWithoutNotes: number;
}

export class DashboardSideResponse {
  @ApiProperty({ type: DashboardTallyResponse }) summary: DashboardTallyResponse;
  @ApiProperty({ type: [MentorshipSummaryResponse] }) items: MentorshipSummaryResponse[];
}

export class UnitDashboardResponse {
  @ApiProperty({ type: NamedRef }) unit: NamedRef;
  @ApiProperty({ type: UnitRatingResponse }) rating: UnitRatingResponse;
  @ApiProperty({ type: DashboardSideResponse }) asMentor: DashboardSideResponse;
  @ApiProperty({ type: DashboardSideResponse }) asMentee: DashboardSideResponse;
}

export class RegionMentoringResponse {
  @ApiProperty({ type: String, nullable: true, description: "Province code of the replicating unit's agency" }) regionCode: string | null;
  @ApiProperty() total: number;
  @ApiProperty(byStateSchema) byState: Record<string, number>;
  @ApiProperty({ type: RatingResponse }) rating: RatingResponse;
}

export class MentoringOverviewResponse {
  @ApiProperty() total: number;
  @ApiProperty(byStateSchema) byState: Record<string, number>;
  @ApiProperty({ type: [RegionMentoringResponse] }) byRegion: RegionMentoringResponse[];
  @ApiProperty() goalsDone: number;
  @ApiProperty() goalsTotal: number;
  @ApiProperty() goalsOverdue: number;
  @ApiProperty() sessionsHeld: number;
  @ApiProperty({ type: RatingResponse }) rating: RatingResponse;
}
