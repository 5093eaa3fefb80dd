import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
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
