import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HubChecklistView {
  @ApiProperty() done!: number;
  @ApiProperty() total!: number;
  @ApiProperty() requiredOpen!: number;
  @ApiProperty({ description: 'items of the replication’s current stage' }) currentStageDone!: number;
  @ApiProperty() currentStageTotal!: number;
}

export class HubIndicatorView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() unit!: string;
  @ApiProperty() direction!: string;
  @ApiProperty() baseline!: number;
  @ApiProperty({ nullable: true, type: Number }) latest!: number | null;
  @ApiProperty({ nullable: true, type: Number }) changePercent!: number | null;
  @ApiProperty({ nullable: true, type: Boolean }) improved!: boolean | null;
}

export class HubMentorshipView {
  @ApiProperty() id!: string;
  @ApiProperty() state!: string;
  @ApiProperty() goalsDone!: number;
  @ApiProperty() goalsTotal!: number;
  @ApiProperty() sessionsHeld!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'the mentors’ rating of the replicating unit' }) ratingByMentors!:
    number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'the replicating team’s rating of the mentoring' }) ratingByTeam!:
    number | null;
}

export class HubUnitRef {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

export class HubReplicationView {
  @ApiProperty() id!: string;
  @ApiProperty({ type: HubUnitRef }) innovation!: { id: string; title: string };
  @ApiProperty({ type: HubUnitRef }) originUnit!: HubUnitRef;
  @ApiProperty({ type: HubUnitRef }) replicatingUnit!: HubUnitRef;
  @ApiProperty() stage!: string;
  @ApiProperty({ description: 'this unit facilitates it (else it only provides mentors)' }) facilitated!: boolean;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ type: HubChecklistView }) checklist!: HubChecklistView;
  @ApiProperty({ type: [HubIndicatorView] }) indicators!: HubIndicatorView[];
  @ApiProperty({ type: [HubMentorshipView] }) mentorships!: HubMentorshipView[];
}

export class HubSummaryView {
  @ApiProperty() replications!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) byStage!: Record<string, number>;
  @ApiProperty() mentorships!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) mentorshipsByState!: Record<string, number>;
  @ApiProperty({ nullable: true, type: Number, description: 'share of checklist items done over all its replications, percent' })
  checklistDonePercent!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) averageRatingByTeam!: number | null;
}

export class HubView {
  @ApiProperty({ type: HubUnitRef }) unit!: HubUnitRef & { agencyName: string };
  @ApiProperty({ type: HubSummaryView }) summary!: HubSummaryView;
  @ApiProperty({ type: [HubReplicationView] }) replications!: HubReplicationView[];
}
