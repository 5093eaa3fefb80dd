export { ChecklistGate } from './checklists/checklist-gate.service';
export { EvidenceModule } from './evidence.module';
export { CampaignTimer } from './campaigns/campaign-timer.service';
