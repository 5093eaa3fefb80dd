import { Global, Module } from '@nestjs/common';
import { AttachmentEvidence, TableAttachmentEvidence } from './attachment-evidence.service';
import { ChecklistGate } from './checklists/checklist-gate.service';
import { ChecklistSeeder } from './checklists/checklist-seeder.service';
import { ChecklistsController } from './checklists/checklists.controller';
import { ChecklistsService } from './checklists/checklists.service';
import { DocumentRegistry } from './documents/document-registry.service';
import { DocumentsController } from './documents/documents.controller';
import { DocumentsService } from './documents/documents.service';
import { ImpactService } from './indicators/impact.service';
import { IndicatorsController } from './indicators/indicators.controller';
import { IndicatorsService } from './indicators/indicators.service';
import { ReplicationAccessService } from './replication-access.service';

/**
 * Replication evidence: stage checklists, impact indicators, verifiable documents, data
 * refresh campaigns and the hub view. Global so the replication registry can ask the
 * `ChecklistGate` without importing this module (and without an import cycle).
 */
@Global()
@Module({
  controllers: [ChecklistsController, IndicatorsController, DocumentsController],
  providers: [
    ReplicationAccessService,
    { provide: AttachmentEvidence, useClass: TableAttachmentEvidence },
    ChecklistSeeder,
    ChecklistsService,
    ChecklistGate,
    IndicatorsService,
    ImpactService,
    DocumentRegistry,
    DocumentsService,
  ],
  exports: [ChecklistGate],
})
export class EvidenceModule {}
