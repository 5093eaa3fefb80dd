/** Response shapes the client reads (the subset of the OpenAPI spec the screens use). */
export interface Membership {
  unitId: string;
  agencyId: string;
  role: 'admin' | 'member';
}
export interface Me {
  id: string;
  email: string;
  name: string;
  roles: string[];
  memberships: Membership[];
}
export interface AuthResult {
  accessToken: string;
  refreshToken: string;
  user: { id: string; email: string; name: string; roles: string[] };
}
export interface Page<T> {
  items: T[];
  total: number;
}
export interface Region {
  code: string;
  name: string;
  province?: { code: string; name: string };
}
export interface Innovation {
  id: string;
  title: string;
  summary: string;
  description?: string | null;
  unitId: string;
  unit: { id: string; name: string };
  agency: { id: string; name: string };
  regionCode: string | null;
  region?: Region | null;
  year: number;
  source: string;
  award: string | null;
  sector: string | null;
  digital: boolean | null;
  sdgs: number[];
  tags: string[];
  stage: string | null;
  sustainability: string | null;
  replicationCount: number;
  /** Data refresh campaigns: when the origin last confirmed, and since when it is flagged unverified. */
  verification?: { verifiedAt: string | null; notVerifiedSince: string | null };
  contact?: { name?: string; email?: string; phone?: string } | null;
}
export interface FacetBucket {
  key: string;
  count: number;
  name?: string;
  label?: string;
}
export interface InnovationList extends Page<Innovation> {
  facets?: Record<string, FacetBucket[]>;
}
export interface Replication {
  id: string;
  innovationId: string;
  innovationTitle?: string;
  originUnitId: string;
  replicatingUnitId: string;
  facilitatorUnitId: string | null;
  model: string;
  stage: string;
  nextStages?: string[];
  playbookId: string | null;
  createdAt: string;
  updatedAt: string;
  history?: { from: string | null; to: string; actorId: string; actorName?: string; note: string | null; at: string }[];
}
export interface Unit {
  id: string;
  agencyId: string;
  name: string;
  agencyName?: string;
  agency?: { id: string; name: string };
}
export interface Thread {
  id: string;
  title: string;
  postCount?: number;
  createdAt?: string;
  lastPostAt?: string;
}
export interface Mentorship {
  id: string;
  replicationId: string;
  innovationTitle?: string;
  state: string;
  sessions?: { id: string; scheduledAt: string; mode: string; agenda: string; heldAt?: string | null; cancelledAt?: string | null }[];
  nextSession?: { id: string; scheduledAt: string; mode: string; agenda: string } | null;
}
export type Access = 'edit' | 'view';
export interface Playbook {
  id: string;
  title: string;
  replicationId: string | null;
  visibility: 'team' | 'public';
  access: Access;
}
export interface MyPlaybook {
  id: string;
  title: string;
  replicationId: string | null;
  innovation: { id: string; title: string } | null;
  access: Access;
  lastEditedAt: string | null;
  lastEditedBy: { id: string; name: string } | null;
}
export interface PlaybookSchema {
  nodes: { name: string; attrs: Record<string, unknown> | string[] }[];
  marks: { name: string; attrs: Record<string, unknown> | string[] }[];
  maxDepth: number;
}
export interface Version {
  id: string;
  label: string;
  createdAt: string;
  createdBy: { id: string; name: string } | string | null;
}
export interface VersionDiff {
  added?: unknown[];
  removed?: unknown[];
  changed?: unknown[];
}
export interface Notification {
  id: string;
  type: string;
  payload: Record<string, unknown>;
  createdAt: string;
  readAt?: string | null;
}
export interface NotificationList {
  items: Notification[];
  unreadCount: number;
}
