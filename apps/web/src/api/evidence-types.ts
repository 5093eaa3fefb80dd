/** Shapes of the replication-evidence endpoints (CONTRACT.md, *Replication evidence*). */

export const CHECKLIST_STAGES = ['PREPARING', 'PLANNING', 'IMPLEMENTING', 'EVALUATING', 'INSTITUTIONALIZED'] as const;

export interface ChecklistItem {
  id: string;
  stage: string;
  title: string;
  required: boolean;
  evidenceRequired: boolean;
  fromGuide: boolean;
  done: boolean;
  doneBy?: string;
  doneAt?: string;
  attachmentId?: string;
}

export interface ChecklistStage {
  stage: string;
  items: ChecklistItem[];
  done: number;
  total: number;
  requiredOpen: number;
}

export interface ChecklistOverride {
  from: string;
  to: string;
  actorName: string | null;
  note: string;
  missing: { id: string; title: string }[];
  at: string;
}

export interface Checklist {
  replicationId: string;
  currentStage: string;
  stages: ChecklistStage[];
  overrides: ChecklistOverride[];
}

/** `details` of a 409 CHECKLIST_INCOMPLETE: the required items still open. */
export interface MissingItem {
  id: string;
  title: string;
  stage: string;
  evidenceRequired: boolean;
}

export interface Measurement {
  id: string;
  indicatorId: string;
  value: number;
  at: string;
  attachmentId?: string;
}

export interface Indicator {
  id: string;
  replicationId: string;
  name: string;
  unit: string;
  direction: 'lower' | 'higher';
  baseline: { value: number; at: string; source?: string };
  target?: number;
  measurements: Measurement[];
  latest?: Measurement;
  changePercent: number | null;
  improved: boolean | null;
}

export interface ImpactIndicator {
  name: string;
  unit: string;
  direction: string;
  replications: number;
  measured: number;
  medianChangePercent: number | null;
  improved: number;
  innovations?: number;
}

export interface OriginResult {
  id: string;
  name: string;
  unit: string;
  direction: string;
  before: number;
  after: number;
  changePercent: number | null;
  measuredAt?: string;
  source?: string;
}

export interface Impact {
  innovationId: string;
  replications: { total: number; institutionalized: number; withIndicators: number };
  indicators: ImpactIndicator[];
  originResults: OriginResult[];
}

export interface Verification {
  valid: boolean;
  kind: string;
  code: string;
  subject: Record<string, unknown>;
  issuer: string;
  issuedAt: string;
  revokedAt?: string;
  revokeReason?: string;
}

export interface CampaignFilter {
  source?: string;
  year?: number;
  regionCode?: string;
  sector?: string;
  stage?: string;
  sustainability?: string;
  verifiedBefore?: string;
}

export interface Campaign {
  id: string;
  title: string;
  filter: CampaignFilter;
  deadline: string;
  remindDaysBefore: number;
  createdAt: string;
  closedAt: string | null;
  progress: { total: number; confirmed: number; pending: number; reminded: number; flagged: number; units: number; unitsComplete: number };
}

export interface CampaignItem {
  campaignId: string;
  innovationId: string;
  innovationTitle: string;
  unitId: string;
  unitName: string;
  status: 'pending' | 'confirmed' | 'flagged';
  confirmedAt: string | null;
  remindedAt: string | null;
  flaggedAt: string | null;
  deadline?: string;
  campaignTitle?: string;
}

export interface HubIndicator {
  id: string;
  name: string;
  unit: string;
  baseline: number;
  latest: number | null;
  changePercent: number | null;
  improved: boolean | null;
}

export interface HubReplication {
  id: string;
  innovation: { id: string; title: string };
  originUnit: { id: string; name: string };
  replicatingUnit: { id: string; name: string };
  stage: string;
  facilitated: boolean;
  updatedAt: string;
  checklist: { done: number; total: number; requiredOpen: number; currentStageDone: number; currentStageTotal: number };
  indicators: HubIndicator[];
  mentorships: {
    id: string;
    state: string;
    goalsDone: number;
    goalsTotal: number;
    sessionsHeld: number;
    ratingByMentors: number | null;
    ratingByTeam: number | null;
  }[];
}

export interface Hub {
  unit: { id: string; name: string; agencyName: string };
  summary: {
    replications: number;
    byStage: Record<string, number>;
    mentorships: number;
    mentorshipsByState: Record<string, number>;
    checklistDonePercent: number | null;
    averageRatingByTeam: number | null;
  };
  replications: HubReplication[];
}

/** The innovation fields the evidence screens read (beyond api/types' Innovation). */
export interface InnovationVerification {
  verification?: { verifiedAt: string | null; notVerifiedSince: string | null };
  contact?: { name?: string; email?: string; phone?: string } | null;
}

export const INNOVATION_STAGES = ['inisiatif', 'uji_coba', 'penerapan'] as const;
export const SUSTAINABILITY_STATUSES = ['berlanjut', 'berkembang', 'vakum', 'berhenti'] as const;
