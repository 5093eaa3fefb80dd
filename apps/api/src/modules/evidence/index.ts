export { EvidenceModule } from './evidence.module';
export { ChecklistGate } from './checklists/checklist-gate.service';
