import { ApiProperty } from '@nestjs/swagger';
import { NamedRef } from '@app/common';

export class PlaybookResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) replicationId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "Set for an innovation's template playbook" })
  templateForInnovationId: string | null;
  @ApiProperty({ enum: ['team', 'public'] }) visibility: 'team' | 'public';
  @ApiProperty({ enum: ['edit', 'view'], description: "The caller's access" }) access: 'edit' | 'view';
}

export class PlaybookVersionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() label: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: NamedRef, nullable: true, description: 'null for automatic versions' }) createdBy: NamedRef | null;
  @ApiProperty({ description: 'Kept automatically (after a pause in editing, on unload, before a restore)' }) auto: boolean;
}

export class PlaybookVersionListResponse {
  @ApiProperty({ type: [PlaybookVersionResponse] }) items: PlaybookVersionResponse[];
}

export class PlaybookRestoreResponse {
  @ApiProperty({ type: PlaybookVersionResponse }) restoredVersion: PlaybookVersionResponse;
  @ApiProperty({ type: PlaybookVersionResponse, description: 'The content just before, kept so the restore can be undone' })
  backupVersion: PlaybookVersionResponse;
}
