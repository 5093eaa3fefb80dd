/**
 * Routes of the replication-evidence screens (checklists, indicators, documents, data refresh
 * campaigns, hub view), spread into API_ROUTES so the route check against /api/docs-json covers them.
 */
export const EVIDENCE_ROUTES = {
  checklist: ['GET', '/api/replications/{id}/checklist'],
  addChecklistItem: ['POST', '/api/replications/{id}/checklist'],
  updateChecklistItem: ['PATCH', '/api/replications/{id}/checklist/{itemId}'],
  removeChecklistItem: ['DELETE', '/api/replications/{id}/checklist/{itemId}'],
  indicators: ['GET', '/api/replications/{id}/indicators'],
  addIndicator: ['POST', '/api/replications/{id}/indicators'],
  addMeasurement: ['POST', '/api/indicators/{id}/measurements'],
  impact: ['GET', '/api/innovations/{id}/impact'],
  impactStats: ['GET', '/api/stats/impact'],
  replicationDocument: ['GET', '/api/replications/{id}/documents/{kind}'],
  mentoringReport: ['GET', '/api/mentorships/{id}/documents/report'],
  verify: ['GET', '/api/verify/{code}'],
  revokeDocument: ['POST', '/api/documents/{code}/revoke'],
  campaigns: ['GET', '/api/campaigns'],
  createCampaign: ['POST', '/api/campaigns'],
  campaign: ['GET', '/api/campaigns/{id}'],
  campaignItems: ['GET', '/api/campaigns/{id}/items'],
  confirmRefresh: ['POST', '/api/campaigns/{id}/items/{innovationId}/confirm'],
  myRefreshRequests: ['GET', '/api/me/refresh-requests'],
  hub: ['GET', '/api/units/{id}/hub'],
  hubExport: ['GET', '/api/units/{id}/hub/export'],
} as const satisfies Record<string, readonly ['GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', string]>;
