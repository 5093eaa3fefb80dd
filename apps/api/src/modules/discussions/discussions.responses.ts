import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NamedRef } from '@app/common';

/**
 * A post. Deleted posts keep their place (`deleted: true`, no body or author); to others than
 * moderators and its author a hidden post is only `{id, hidden: true, body: null, html: null}`.
 */
export class PostResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({ format: 'uuid' }) threadId?: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) parentId?: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) quotePostId?: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Markdown source' }) body: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Rendered, sanitised HTML' }) html: string | null;
  @ApiPropertyOptional({ type: NamedRef, nullable: true }) author?: NamedRef | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) createdAt?: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) editedAt?: string | null;
  @ApiProperty() hidden: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'For moderators and the author of a hidden post' }) hiddenReason?:
    string | null;
  @ApiPropertyOptional({ description: 'The post was deleted by its author' }) deleted?: boolean;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'integer' }, example: { '+1': 2, heart: 1 } }) reactions?: Record<
    string,
    number
  >;
}

export class ThreadResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) innovationId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) replicationId: string | null;
  @ApiProperty({ type: NamedRef }) author: NamedRef;
  @ApiProperty() locked: boolean;
  @ApiProperty() pinned: boolean;
  @ApiProperty() slowModeSeconds: number;
  @ApiProperty() answered: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) acceptedPostId: string | null;
  @ApiProperty() postCount: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "The thread's body is its first post" }) firstPostId:
    string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastPostAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) createdAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt: string | null;
}

export class ThreadDetailResponse extends ThreadResponse {
  @ApiProperty({ type: String, nullable: true }) body: string | null;
  @ApiProperty({ type: String, nullable: true }) html: string | null;
  @ApiProperty({ type: PostResponse, nullable: true }) firstPost: PostResponse | null;
  @ApiProperty({ description: 'The caller follows it (answered notifications)' }) following: boolean;
}

export class ThreadPageResponse {
  @ApiProperty({ type: [ThreadResponse] }) items: ThreadResponse[];
  @ApiProperty() total: number;
}

export class PostPageResponse {
  @ApiProperty({ type: [PostResponse] }) items: PostResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Opaque; pass as `after` for the next page' }) nextCursor: string | null;
}

export class FollowResponse {
  @ApiProperty({ format: 'uuid' }) threadId: string;
  @ApiProperty() following: boolean;
}

export class PostEditResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) editorId: string | null;
  @ApiProperty({ description: 'The body before this edit' }) body: string;
  @ApiProperty({ format: 'date-time' }) editedAt: string;
}

export class PostHistoryResponse {
  @ApiProperty({ type: [PostEditResponse] }) items: PostEditResponse[];
}
