import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { QueryInt, SortQuery } from '@app/common';
import { PLAYBOOK_VISIBILITIES } from '@app/database';
import type { PlaybookVisibility } from '@app/database';

const NOT_BLANK = /\S/;

export class UpdatePlaybookDto {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'title must not be blank' })
  title?: string;

  @IsOptional()
  @IsIn(PLAYBOOK_VISIBILITIES)
  visibility?: PlaybookVisibility;
}

export class CreateVersionDto {
  @IsString()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'label must not be blank' })
  label!: string;
}

export const EXPORT_FORMATS = ['md', 'html', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export class ExportQuery {
  /** `md`, `html` (sanitised) or `json` (ProseMirror document); default `json`. */
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;
}

export class CreateTemplateDto {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'title must not be blank' })
  title?: string;
}

export interface PlaybookView {
  id: string;
  title: string;
  replicationId: string | null;
  /** Set for an innovation's template playbook. */
  templateForInnovationId: string | null;
  visibility: PlaybookVisibility;
  access: 'edit' | 'view';
}

export interface VersionView {
  id: string;
  label: string;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
  auto: boolean;
}

export const VERSION_SORTS = ['created', 'label'] as const;

export class VersionListQuery {
  @SortQuery(VERSION_SORTS, '-created', 'the 500 first in this order')
  sort?: string;
}

export const MY_PLAYBOOK_SORTS = ['edited', 'title', 'created'] as const;

export class MyPlaybooksQuery {
  @SortQuery(MY_PLAYBOOK_SORTS, '-edited', '`edited`: last edit (or creation when never edited)')
  sort?: string;

  @QueryInt(1, 100, { default: 20 })
  limit?: number;

  @QueryInt(0, 100_000, { default: 0 })
  offset?: number;
}

class PlaybookRefDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  title!: string;
}

class PlaybookPersonDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  name!: string;
}

export class MyPlaybookItem {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  title!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null for an innovation’s template playbook' })
  replicationId!: string | null;
  @ApiProperty({ type: PlaybookRefDto, nullable: true })
  innovation!: { id: string; title: string } | null;
  @ApiProperty({ enum: ['edit', 'view'] })
  access!: 'edit' | 'view';
  @ApiProperty({ format: 'date-time', description: 'last stored edit (creation when never edited)' })
  lastEditedAt!: string;
  @ApiProperty({ type: PlaybookPersonDto, nullable: true, description: 'null when never edited by a person' })
  lastEditedBy!: { id: string; name: string } | null;
}

export class MyPlaybooksPage {
  @ApiProperty({ type: [MyPlaybookItem] })
  items!: MyPlaybookItem[];
  @ApiProperty()
  total!: number;
}

class SchemaEntryDto {
  @ApiProperty()
  name!: string;
  @ApiProperty({
    description: 'attribute name → `{default}`',
    type: 'object',
    additionalProperties: { type: 'object', properties: { default: {} } },
  })
  attrs!: Record<string, { default: unknown }>;
}

export class PlaybookSchemaView {
  @ApiProperty({ type: [SchemaEntryDto], description: 'ProseMirror/Tiptap node names with their attributes' })
  nodes!: SchemaEntryDto[];
  @ApiProperty({ type: [SchemaEntryDto], description: 'mark names with their attributes' })
  marks!: SchemaEntryDto[];
  @ApiProperty({ description: 'deepest element nesting accepted (a top-level paragraph is 1)' })
  maxDepth!: number;
}

class DiffBlockDto {
  @ApiProperty()
  index!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the ProseMirror node' })
  node!: unknown;
}

class DiffChangeDto {
  @ApiProperty()
  versionIndex!: number;
  @ApiProperty()
  currentIndex!: number;
  @ApiProperty({ type: 'object', additionalProperties: true })
  before!: unknown;
  @ApiProperty({ type: 'object', additionalProperties: true })
  after!: unknown;
}

export class VersionDiffView {
  @ApiProperty({ format: 'uuid' })
  versionId!: string;
  @ApiProperty({ enum: ['version'] })
  from!: 'version';
  @ApiProperty({ enum: ['current'] })
  to!: 'current';
  @ApiProperty({
    type: [DiffBlockDto],
    description: 'top-level blocks in the current content, not in the version (index in the current content)',
  })
  added!: DiffBlockDto[];
  @ApiProperty({
    type: [DiffBlockDto],
    description: 'top-level blocks of the version no longer in the current content (index in the version)',
  })
  removed!: DiffBlockDto[];
  @ApiProperty({ type: [DiffChangeDto], description: 'blocks at the same place in both with different content' })
  changed!: DiffChangeDto[];
  @ApiProperty()
  unchanged!: number;
}

export class VersionFormatQuery {
  /** `json` (ProseMirror document with `meta`, default), `html` (full document) or `md`. */
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;
}
