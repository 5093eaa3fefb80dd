import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { CHECKLIST_STAGES } from './checklist-guide';
import type { ChecklistStage } from './checklist-guide';

const NOT_BLANK = /\S/;

export class CreateChecklistItemDto {
  @ApiProperty({ enum: CHECKLIST_STAGES })
  @IsIn(CHECKLIST_STAGES)
  stage!: ChecklistStage;

  @ApiProperty({ maxLength: 300 })
  @IsString()
  @MaxLength(300)
  @Matches(NOT_BLANK, { message: 'title must not be blank' })
  title!: string;

  @ApiPropertyOptional({ description: 'moving out of the stage needs this item done (default false)' })
  @IsOptional()
  @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional({ description: 'marking the item done needs an attachment as evidence (default false)' })
  @IsOptional()
  @IsBoolean()
  evidenceRequired?: boolean;
}

export class UpdateChecklistItemDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  done?: boolean;

  @ApiPropertyOptional({ nullable: true, description: 'an attachment of this replication; null removes it' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  attachmentId?: string | null;

  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  @Matches(NOT_BLANK, { message: 'title must not be blank' })
  title?: string;
}

export class ChecklistItemView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: CHECKLIST_STAGES }) stage!: string;
  @ApiProperty() title!: string;
  @ApiProperty() required!: boolean;
  @ApiProperty() evidenceRequired!: boolean;
  @ApiProperty({ description: 'seeded from LAN’s guide (false: added by the team)' }) fromGuide!: boolean;
  @ApiProperty() done!: boolean;
  @ApiPropertyOptional() doneBy?: string;
  @ApiPropertyOptional() doneAt?: string;
  @ApiPropertyOptional() attachmentId?: string;
}

export class ChecklistStageView {
  @ApiProperty({ enum: CHECKLIST_STAGES }) stage!: string;
  @ApiProperty({ type: [ChecklistItemView] }) items!: ChecklistItemView[];
  @ApiProperty() done!: number;
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'required items not done yet' }) requiredOpen!: number;
}

export class ChecklistOverrideView {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ nullable: true, type: String }) actorId!: string | null;
  @ApiProperty({ nullable: true, type: String }) actorName!: string | null;
  @ApiProperty() note!: string;
  @ApiProperty({ description: 'the required items that were not done', type: 'array', items: { type: 'object' } }) missing!: unknown[];
  @ApiProperty() at!: string;
}

export class ChecklistView {
  @ApiProperty() replicationId!: string;
  @ApiProperty({ description: 'the replication’s current stage' }) currentStage!: string;
  @ApiProperty({ type: [ChecklistStageView] }) stages!: ChecklistStageView[];
  @ApiProperty({ type: [ChecklistOverrideView], description: 'moves a curator allowed with required items open' }) overrides!: ChecklistOverrideView[];
}

export interface ChecklistItemRow {
  id: string;
  stage: string;
  title: string;
  required: boolean;
  evidence_required: boolean;
  seed_key: string | null;
  done: boolean;
  done_by_id: string | null;
  done_at: Date | null;
  attachment_id: string | null;
}

export function checklistItemView(r: ChecklistItemRow): ChecklistItemView {
  return {
    id: r.id,
    stage: r.stage,
    title: r.title,
    required: r.required,
    evidenceRequired: r.evidence_required,
    fromGuide: r.seed_key !== null,
    done: r.done,
    ...(r.done_by_id ? { doneBy: r.done_by_id } : {}),
    ...(r.done_at ? { doneAt: new Date(r.done_at).toISOString() } : {}),
    ...(r.attachment_id ? { attachmentId: r.attachment_id } : {}),
  };
}
