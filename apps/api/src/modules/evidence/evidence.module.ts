import { Module } from '@nestjs/common';
import { AttachmentEvidence, TableAttachmentEvidence } from './attachment-evidence.service';
import { CampaignMail, QueuedCampaignMail } from './campaigns/campaign-mail';
import { CampaignNotifier } from './campaigns/campaign-notifier.service';
import { CampaignTimer } from './campaigns/campaign-timer.service';
import { CampaignsController } from './campaigns/campaigns.controller';
import { CampaignsService } from './campaigns/campaigns.service';
import { SustainabilityWatch } from './campaigns/sustainability-watch.subscriber';
import { ChecklistGate } from './checklists/checklist-gate.service';
import { ChecklistSeeder } from './checklists/checklist-seeder.service';
import { ChecklistsController } from './checklists/checklists.controller';
import { ChecklistsService } from './checklists/checklists.service';
import { DocumentRegistry } from './documents/document-registry.service';
import { DocumentsController } from './documents/documents.controller';
import { DocumentsService } from './documents/documents.service';
import { HubController } from './hub/hub.controller';
import { HubService } from './hub/hub.service';
import { ImpactService } from './indicators/impact.service';
import { IndicatorsController } from './indicators/indicators.controller';
import { IndicatorsService } from './indicators/indicators.service';
import { ReplicationAccessService } from './replication-access.service';
import { MailModule } from '../mail';

/**
 * Replication evidence: stage checklists, impact indicators, verifiable documents, data
 * refresh campaigns and the hub view. The replication registry imports it for the
 * `ChecklistGate` (evidence reads replications by SQL, so there is no cycle).
 */
@Module({
  imports: [MailModule],
  controllers: [ChecklistsController, IndicatorsController, DocumentsController, CampaignsController, HubController],
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
    // The campaigns' mail seam: mails through the mail queue (another binding here changes that).
    { provide: CampaignMail, useClass: QueuedCampaignMail },
    CampaignNotifier,
    CampaignsService,
    CampaignTimer,
    SustainabilityWatch,
    HubService,
  ],
  exports: [ChecklistGate, CampaignTimer],
})
export class EvidenceModule {}
