import { ACCOUNT_ROUTES } from './routes-account';
import { EVIDENCE_ROUTES } from './routes-evidence';
import { PART2_ROUTES } from './routes-part2';
import { PEOPLE_ROUTES } from './routes-people';

/**
 * Every REST call the web client makes, as [method, path template]. The client only calls
 * through this table, and an e2e test checks each entry against the server's `/api/docs-json`,
 * so a renamed endpoint fails a test instead of a screen. No DOM imports: Node reads it too.
 */
export const API_ROUTES = {
  login: ['POST', '/api/auth/login'],
  register: ['POST', '/api/auth/register'],
  refresh: ['POST', '/api/auth/refresh'],
  logout: ['POST', '/api/auth/logout'],
  me: ['GET', '/api/me'],
  myPlaybooks: ['GET', '/api/me/playbooks'],
  unit: ['GET', '/api/units/{id}'],
  agency: ['GET', '/api/agencies/{id}'],
  user: ['GET', '/api/users/{id}'],
  innovations: ['GET', '/api/innovations'],
  innovation: ['GET', '/api/innovations/{id}'],
  proposeReplication: ['POST', '/api/innovations/{id}/replications'],
  replications: ['GET', '/api/replications'],
  replication: ['GET', '/api/replications/{id}'],
  transition: ['POST', '/api/replications/{id}/transitions'],
  threads: ['GET', '/api/threads'],
  thread: ['GET', '/api/threads/{id}'],
  mentorships: ['GET', '/api/mentorships'],
  mentorship: ['GET', '/api/mentorships/{id}'],
  playbook: ['GET', '/api/playbooks/{id}'],
  playbookSchema: ['GET', '/api/playbooks/schema'],
  versions: ['GET', '/api/playbooks/{id}/versions'],
  createVersion: ['POST', '/api/playbooks/{id}/versions'],
  version: ['GET', '/api/playbooks/{id}/versions/{versionId}'],
  versionDiff: ['GET', '/api/playbooks/{id}/versions/{versionId}/diff'],
  restoreVersion: ['POST', '/api/playbooks/{id}/versions/{versionId}/restore'],
  exportPlaybook: ['GET', '/api/playbooks/{id}/export'],
  notifications: ['GET', '/api/notifications'],
  readNotification: ['POST', '/api/notifications/{id}/read'],
  readAllNotifications: ['POST', '/api/notifications/read-all'],
  ...PART2_ROUTES,
  ...ACCOUNT_ROUTES,
  ...EVIDENCE_ROUTES,
  ...PEOPLE_ROUTES,
} as const satisfies Record<string, readonly ['GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', string]>;

export type RouteName = keyof typeof API_ROUTES;

/** Fills `{name}` segments of a path template (each value URI-encoded). */
export function fillPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_m, key: string) => {
    const v = params[key];
    if (v === undefined) throw new Error(`missing path parameter ${key}`);
    return encodeURIComponent(v);
  });
}
