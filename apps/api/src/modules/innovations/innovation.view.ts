import type { InnovationRow } from './innovation-query';
import { iso } from '@app/common';
import type { InnovationResponse } from './innovations.responses';

/** The API shape of an innovation (list items and single reads alike). */
export function innovationView(r: InnovationRow): InnovationResponse {
  return {
    id: r.id,
    title: r.title,
    summary: r.summary,
    description: r.description,
    unitId: r.unit_id,
    unit: { id: r.unit_id, name: r.unit_name },
    agency: { id: r.agency_id, name: r.agency_name },
    regionCode: r.region_code,
    // Names from Kemendagri's list; a code the list does not know (older data) keeps null names.
    region: r.region_code
      ? {
          code: r.region_code,
          name: r.region_name,
          province: { code: r.province_code ?? r.region_code.split('.')[0], name: r.province_name },
        }
      : null,
    year: r.year,
    source: r.source,
    externalId: r.external_id,
    award: r.award,
    sector: r.sector,
    digital: r.digital,
    sdgs: r.sdgs ?? [],
    tags: r.tags ?? [],
    stage: r.stage,
    sustainability: r.sustainability,
    replicationCount: r.replication_count,
    demo: r.demo,
    mergedIntoId: r.merged_into_id,
    createdById: r.created_by_id,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    // Data refresh campaigns: `notVerifiedSince` is set when a campaign's deadline passed unconfirmed.
    verification: {
      verifiedAt: r.verified_at ? iso(r.verified_at) : null,
      notVerifiedSince: r.unverified_since ? iso(r.unverified_since) : null,
    },
    contact: r.contact ?? null,
    ...(r.rank !== undefined ? { score: Number(r.rank) } : {}),
  };
}

export type InnovationView = ReturnType<typeof innovationView>;
