import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { QueryInt, SortQuery } from '@app/common';
import { GOAL_STATUSES, MENTORSHIP_STATES, SESSION_MODES } from '@app/database';
import type { GoalStatus, MentorshipState, SessionMode } from '@app/database';

const NOT_BLANK = /\S/;
/** ISO-8601 strictly (rejects 2026-02-30); dates may be `YYYY-MM-DD` or a full date-time. */
const ISO = { strict: true, strictSeparator: true } as const;
/** A date-time with a time zone (Z or ±hh:mm), so "when" is never ambiguous. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

export class GoalDto {
  @IsString()
  @MaxLength(300)
  @Matches(NOT_BLANK, { message: 'title must not be blank' })
  title!: string;

  /** `YYYY-MM-DD` (or an ISO date-time, whose UTC date is used). */
  @IsOptional()
  @IsISO8601(ISO)
  dueDate?: string;
}

export class CreateMentorshipDto {
  @IsUUID()
  replicationId!: string;

  /** Users of the origin unit or the facilitator unit. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  mentorIds!: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => GoalDto)
  goals?: GoalDto[];
}

/** The complete new list of mentors (the first leads), replacing the current one. */
export class ChangeMentorsDto {
  /** Users of the origin unit or the facilitator unit; at least one, no duplicates. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  mentorIds!: string[];

  /** Why, for the history. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class MentorshipTransitionDto {
  @IsIn(MENTORSHIP_STATES)
  to!: MentorshipState;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class UpdateGoalDto {
  @IsOptional()
  @IsIn(GOAL_STATUSES)
  status?: GoalStatus;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  @Matches(NOT_BLANK, { message: 'title must not be blank' })
  title?: string;

  /** A new due date, or null to clear it. */
  @IsOptional()
  @IsISO8601(ISO)
  dueDate?: string | null;
}

export class CreateSessionDto {
  @IsString()
  @Matches(DATE_TIME, { message: 'scheduledAt must be an ISO-8601 date-time with a time zone' })
  @IsISO8601(ISO)
  scheduledAt!: string;

  @IsIn(SESSION_MODES)
  mode!: SessionMode;

  @IsString()
  @MaxLength(5000)
  @Matches(NOT_BLANK, { message: 'agenda must not be blank' })
  agenda!: string;

  /** Length in minutes (default 90). */
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(1440)
  durationMinutes?: number;

  /** Place (onsite, field visit); defaults to the hosting unit. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  location?: string;

  /** Meeting link (online). */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  url?: string;
}

export class UpdateSessionDto {
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  notes?: string;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  outcome?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  attendeeIds?: string[];

  @IsOptional()
  @IsString()
  @Matches(DATE_TIME, { message: 'heldAt must be an ISO-8601 date-time with a time zone' })
  @IsISO8601(ISO)
  heldAt?: string;

  @IsOptional()
  @IsString()
  @Matches(DATE_TIME, { message: 'scheduledAt must be an ISO-8601 date-time with a time zone' })
  @IsISO8601(ISO)
  scheduledAt?: string;

  @IsOptional()
  @IsIn(SESSION_MODES)
  mode?: SessionMode;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  @Matches(NOT_BLANK, { message: 'agenda must not be blank' })
  agenda?: string;

  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(1440)
  durationMinutes?: number;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  location?: string;

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  url?: string;
}

export class CancelSessionDto {
  /** Why the session is called off; told to the participants. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class FeedbackDto {
  @IsInt()
  @Min(1)
  @Max(5)
  rating!: number;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  comment?: string;
}

export const MENTORSHIP_SORTS = ['created', 'updated', 'state'] as const;

export class ListMentorshipsQuery {
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @IsOptional()
  @IsUUID()
  replicationId?: string;

  @IsOptional()
  @IsIn(MENTORSHIP_STATES)
  state?: MentorshipState;

  @SortQuery(MENTORSHIP_SORTS, '-updated', '`state` follows the lifecycle (PROPOSED, ACTIVE, PAUSED, COMPLETED, DECLINED, CANCELLED)')
  sort?: string;

  @QueryInt(1, 100)
  limit?: number;

  @QueryInt(0, 1_000_000)
  offset?: number;
}
