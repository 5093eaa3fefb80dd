export { ChecklistGate } from './checklists/checklist-gate.service';
export { EvidenceModule } from './evidence.module';
