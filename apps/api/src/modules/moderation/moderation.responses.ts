import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NamedRef } from '@app/common';
import { PostResponse } from '../discussions';

export class FlagResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) postId: string;
  @ApiProperty({ enum: ['spam', 'abuse', 'off_topic', 'other'] }) reason: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ThreadRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
}

export class QueueFlagResponse {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ type: NamedRef }) user: NamedRef;
  @ApiProperty() reason: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ description: "From the flagger's record: 1 + 0.5·upheld − 0.5·dismissed, clamped to 0.25..3" }) weight: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) createdAt: string | null;
}

export class QueueItemResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) postId: string;
  @ApiProperty({ format: 'uuid' }) threadId: string;
  @ApiProperty({ type: ThreadRef }) thread: ThreadRef;
  @ApiProperty({ type: NamedRef, nullable: true }) claimer: NamedRef | null;
  @ApiProperty({ type: NamedRef, nullable: true }) resolver: NamedRef | null;
  @ApiProperty({ enum: ['open', 'claimed', 'resolved'] }) status: string;
  @ApiProperty() weight: number;
  @ApiProperty() flagCount: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) claimedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) claimedAt: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) resolvedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['hide', 'dismiss'] }) resolution: string | null;
  @ApiProperty({ type: String, nullable: true }) resolutionReason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) createdAt: string | null;
  @ApiProperty({ type: PostResponse }) post: PostResponse;
  @ApiProperty({ type: [QueueFlagResponse] }) flags: QueueFlagResponse[];
}

export class QueueResponse {
  @ApiProperty({ type: [QueueItemResponse] }) items: QueueItemResponse[];
}

export class SuspensionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) until: string | null;
  @ApiProperty() reason: string;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) createdAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) liftedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) liftReason: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Moderators only' }) createdBy?: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Moderators only' }) liftedBy?: string | null;
}

export class SuspensionListResponse {
  @ApiProperty({ type: [SuspensionResponse] }) items: SuspensionResponse[];
}

export class AuditEntryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: NamedRef, nullable: true }) actor: NamedRef | null;
  @ApiProperty({ example: 'post.hide' }) action: string;
  @ApiProperty({ enum: ['post', 'thread', 'user', 'queue_item'] }) targetType: string;
  @ApiProperty({ format: 'uuid' }) targetId: string;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) before: unknown;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) after: unknown;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) createdAt: string | null;
}

export class AuditPageResponse {
  @ApiProperty({ type: [AuditEntryResponse] }) items: AuditEntryResponse[];
}
