import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsIsoTime, QueryInt, QueryIsoTime, SortQuery } from '@app/common';
import { AUDIT_SORT } from '../audit';
import { QUEUE_SORT } from './moderation-queue.repository';
import { SUSPENSION_SORT } from './suspensions.repository';

export const FLAG_REASONS = ['spam', 'abuse', 'off_topic', 'other'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];
const NOT_BLANK = /\S/;

export class FlagDto {
  @IsIn(FLAG_REASONS)
  reason!: FlagReason;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class ReasonDto {
  @IsString()
  @MaxLength(1000)
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  reason!: string;
}

export class OptionalReasonDto {
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class SlowModeDto {
  /** Seconds a user waits between two posts in the thread; 0 turns slow mode off. */
  @IsInt()
  @Min(0)
  @Max(86400)
  seconds!: number;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class SuspensionDto {
  @IsIsoTime()
  until!: string;

  @IsString()
  @MaxLength(1000)
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  reason!: string;
}

export class QueueQuery {
  @IsOptional()
  @IsIn(['open', 'claimed', 'resolved', 'unresolved'])
  status?: 'open' | 'claimed' | 'resolved' | 'unresolved';

  @QueryInt(1, 100)
  limit?: number;

  @SortQuery(Object.keys(QUEUE_SORT), '-weight', 'weight, created or flags (`-` descending). Without it: heaviest first, then oldest')
  sort?: string;
}

export class ResolveDto {
  /** `hide` hides the post (flags upheld); `dismiss` keeps it (flags dismissed). */
  @IsIn(['hide', 'dismiss'])
  action!: 'hide' | 'dismiss';

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class AuditQuery {
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @IsOptional()
  @IsUUID()
  targetId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  action?: string;

  @QueryInt(1, 200)
  limit?: number;

  /** Cursor: entries strictly older than this time. */
  @QueryIsoTime('Cursor: entries strictly older than this time (ISO-8601)')
  before?: string;

  /** Cursor for `sort=created`: entries strictly newer than this time. */
  @QueryIsoTime('Cursor: entries strictly newer than this time (ISO-8601), to page with sort=created')
  after?: string;

  @SortQuery(Object.keys(AUDIT_SORT), '-created', 'created (oldest first) or -created (newest first)')
  sort?: string;
}

export class SuspensionListQuery {
  @QueryInt(1, 200, { default: 50 })
  limit?: number;

  @SortQuery(Object.keys(SUSPENSION_SORT), '-created', 'created or until (`-` descending)')
  sort?: string;
}
