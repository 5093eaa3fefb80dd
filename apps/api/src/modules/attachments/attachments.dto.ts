import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { SortQuery } from '@app/common';

export interface AttachmentRow {
  id: string;
  parent_type: string;
  parent_id: string;
  name: string;
  size: string | number;
  content_type: string;
  storage: 'pg' | 's3';
  storage_key: string | null;
  created_by_id: string | null;
  created_by_name: string | null;
  created_at: Date;
}

export const ATTACHMENT_SELECT = `select a.id, a.parent_type, a.parent_id, a.name, a.size, a.content_type, a.storage, a.storage_key, a.created_by_id, u.name as created_by_name, a.created_at
  from attachments a left join users u on u.id = a.created_by_id`;

export class AttachmentAuthorDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class AttachmentDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'File name as uploaded (or renamed)' }) name: string;
  @ApiProperty({ description: 'Bytes' }) size: number;
  @ApiProperty({ description: 'Judged from the bytes, e.g. application/pdf' }) contentType: string;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ type: AttachmentAuthorDto, nullable: true }) createdBy: AttachmentAuthorDto | null;
  @ApiProperty({ enum: ['replication', 'innovation', 'post', 'playbook', 'session', 'user'] }) parentType: string;
  @ApiProperty() parentId: string;
  @ApiProperty({ description: 'Where to download it: /api/attachments/:id' }) url: string;
}

export class AttachmentLinkDto {
  @ApiProperty({ description: 'A download URL that works without a bearer token for this one file, until `expiresAt`' }) url: string;
  @ApiProperty() expiresAt: string;
}

export class AttachmentLinkQuery {
  @ApiProperty({ description: 'The signed token of the link' })
  @IsString()
  @MaxLength(2000)
  token: string;
}

export class AttachmentListDto {
  @ApiProperty({ type: [AttachmentDto] }) items: AttachmentDto[];
}

export const ATTACHMENT_SORTS = ['created', 'name', 'size'] as const;

/** `sort=` keys of an attachment list (SQL over ATTACHMENT_SELECT's alias). */
export const ATTACHMENT_ORDER: Record<(typeof ATTACHMENT_SORTS)[number], string> = {
  created: 'a.created_at',
  name: 'lower(a.name)',
  size: 'a.size',
};

export class AttachmentListQuery {
  @SortQuery(ATTACHMENT_SORTS, 'created')
  sort?: string;
}

export class RenameAttachmentDto {
  @ApiProperty({ maxLength: 200 })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;
}

export function toAttachment(r: AttachmentRow): AttachmentDto {
  return {
    id: r.id,
    name: r.name,
    size: Number(r.size),
    contentType: r.content_type,
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: r.created_by_id ? { id: r.created_by_id, name: r.created_by_name ?? '' } : null,
    parentType: r.parent_type,
    parentId: r.parent_id,
    url: `/api/attachments/${r.id}`,
  };
}
