import { INNOVATION_SOURCES, INNOVATION_STAGES, SUSTAINABILITY_STATUSES } from '@app/database';
import { normaliseSector } from './innovation-query';
import { MAX_YEAR, MIN_YEAR, REGION_CODE } from './innovations.dto';
import { normaliseTags } from './innovations.service';
import { isUuid } from '@app/common';

/** One innovation ready to upsert (snake_case: the jsonb_to_recordset column names). */
export interface ImportRecord {
  title: string;
  summary: string;
  description: string | null;
  unit_id: string;
  region_code: string | null;
  year: number;
  source: string;
  external_id: string | null;
  award: string | null;
  sector: string | null;
  digital: boolean;
  sdgs: number[];
  tags: string[];
  stage: string | null;
  sustainability: string | null;
}

/** How a row names its origin unit: by id, by the source system's ids, or by names. */
export interface UnitRef {
  unitId?: string;
  unitExternalId?: string;
  agencyExternalId?: string;
  unitName?: string;
  agencyName?: string;
  agencyKind?: string;
}

export interface Problem {
  field?: string;
  code: string;
  message: string;
}

export interface RowFailure extends Problem {
  row: number;
  line?: number;
}

export const AGENCY_KINDS = ['ministry', 'agency', 'province', 'regency', 'city', 'soe', 'other'] as const;

const KNOWN = new Set([
  'title',
  'summary',
  'description',
  'unitId',
  'unitName',
  'agencyName',
  'agencyKind',
  'unitExternalId',
  'agencyExternalId',
  'source',
  'year',
  'externalId',
  'award',
  'sector',
  'regionCode',
  'digital',
  'sdgs',
  'tags',
  'stage',
  'sustainability',
]);

/** Collects every problem of a row instead of stopping at the first. */
class Checker {
  readonly problems: Problem[] = [];

  bad(field: string | undefined, message: string, code = 'VALIDATION_FAILED'): null {
    this.problems.push({ ...(field ? { field } : {}), code, message });
    return null;
  }

  text(v: unknown, field: string, max: number, required = false): string | null {
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === ''))
      return required ? this.bad(field, `${field} is required`) : null;
    if (typeof v !== 'string' && typeof v !== 'number') return this.bad(field, `${field} must be text`);
    const s = String(v).trim();
    if (s.length > max) return this.bad(field, `${field} is longer than ${max} characters`);
    return s;
  }

  /** CSV cells carry lists as `a; b` (or `a|b`); JSON may send real arrays. */
  list(v: unknown, field: string): unknown[] {
    if (v === undefined || v === null || v === '') return [];
    if (Array.isArray(v)) return v;
    if (typeof v === 'string')
      return v
        .split(/[;|,]/)
        .map((s) => s.trim())
        .filter(Boolean);
    if (typeof v === 'number') return [v];
    this.bad(field, `${field} must be a list`);
    return [];
  }

  bool(v: unknown): boolean {
    if (v === undefined || v === null || v === '') return false;
    if (typeof v === 'boolean') return v;
    const s = String(v).trim().toLowerCase();
    if (['true', '1', 'ya', 'yes', 'y'].includes(s)) return true;
    if (['false', '0', 'tidak', 'no', 'n'].includes(s)) return false;
    this.bad('digital', 'digital must be true/false (or ya/tidak)');
    return false;
  }
}

/**
 * Validates and normalises one input row (CSV record or JSON element), reporting every problem
 * (field, code, message). The unit is resolved later in bulk, from `unitId`, the source
 * system's ids or the unit and agency names.
 */
export function toRecord(input: unknown): { rec: ImportRecord; unit: UnitRef } | { problems: Problem[] } {
  if (!input || typeof input !== 'object' || Array.isArray(input))
    return { problems: [{ code: 'VALIDATION_FAILED', message: 'row must be an object' }] };
  const r = input as Record<string, unknown>;
  const c = new Checker();
  for (const k of Object.keys(r).filter((k) => !KNOWN.has(k))) c.bad(k, `unknown field ${k}`);
  const unit: UnitRef = {};
  const unitId = c.text(r.unitId, 'unitId', 36);
  if (unitId && !isUuid(unitId)) c.bad('unitId', 'unitId must be a UUID');
  else if (unitId) unit.unitId = unitId.toLowerCase();
  for (const key of ['unitExternalId', 'agencyExternalId', 'unitName', 'agencyName'] as const) {
    const v = c.text(r[key], key, key.endsWith('Name') ? 300 : 100);
    if (v) unit[key] = v;
  }
  const kind = c.text(r.agencyKind, 'agencyKind', 20)?.toLowerCase();
  if (kind && !(AGENCY_KINDS as readonly string[]).includes(kind))
    c.bad('agencyKind', `agencyKind must be one of ${AGENCY_KINDS.join(', ')}`);
  else if (kind) unit.agencyKind = kind;
  if (!unit.unitId && !unit.unitExternalId && !(unit.unitName && unit.agencyName)) {
    if (unit.unitName && !unit.agencyName) c.bad('agencyName', 'agencyName is required with unitName');
    else if (unit.agencyName && !unit.unitName) c.bad('unitName', 'unitName is required with agencyName');
    else if (unitId === null && !c.problems.some((p) => p.field === 'unitId'))
      c.bad('unitId', 'unitId, unitExternalId, or unitName with agencyName is required');
  }
  const sourceText = c.text(r.source, 'source', 20, true)?.toUpperCase() ?? null;
  if (sourceText && !(INNOVATION_SOURCES as readonly string[]).includes(sourceText))
    c.bad('source', `source must be one of ${INNOVATION_SOURCES.join(', ')}`);
  const yearText = c.text(r.year, 'year', 4, true);
  const year = Number(yearText);
  if (yearText !== null && (!/^\d{4}$/.test(yearText) || year < MIN_YEAR || year > MAX_YEAR))
    c.bad('year', `year must be a year between ${MIN_YEAR} and ${MAX_YEAR}`);
  const regionCode = c.text(r.regionCode, 'regionCode', 13);
  if (regionCode && !REGION_CODE.test(regionCode))
    c.bad('regionCode', 'regionCode must be a Kemendagri province or regency/city code like 73 or 73.71');
  const stage = c.text(r.stage, 'stage', 20)?.toLowerCase().replace(/\s+/g, '_') ?? null;
  if (stage && !(INNOVATION_STAGES as readonly string[]).includes(stage))
    c.bad('stage', `stage must be one of ${INNOVATION_STAGES.join(', ')}`);
  const sustainability = c.text(r.sustainability, 'sustainability', 20)?.toLowerCase() ?? null;
  if (sustainability && !(SUSTAINABILITY_STATUSES as readonly string[]).includes(sustainability))
    c.bad('sustainability', `sustainability must be one of ${SUSTAINABILITY_STATUSES.join(', ')}`);
  const sdgs = c.list(r.sdgs, 'sdgs').map((x) => Number(x));
  if (sdgs.some((n) => !Number.isInteger(n) || n < 1 || n > 17)) c.bad('sdgs', 'sdgs must be goal numbers 1..17');
  const tags = c.list(r.tags, 'tags');
  if (tags.length > 30 || tags.some((t) => typeof t !== 'string' || t.length > 60))
    c.bad('tags', 'tags must be at most 30 texts of up to 60 characters');
  const title = c.text(r.title, 'title', 300, true);
  const summary = c.text(r.summary, 'summary', 5_000, true);
  const rec = {
    title: title!,
    summary: summary!,
    description: c.text(r.description, 'description', 20_000),
    unit_id: unit.unitId ?? '',
    region_code: regionCode,
    year,
    source: sourceText!,
    external_id: c.text(r.externalId, 'externalId', 100),
    award: c.text(r.award, 'award', 200),
    sector: normaliseSector(c.text(r.sector, 'sector', 100)),
    digital: c.bool(r.digital),
    sdgs: [...new Set(sdgs)].sort((a, b) => a - b),
    tags: normaliseTags(tags.filter((t): t is string => typeof t === 'string')),
    stage,
    sustainability,
  };
  return c.problems.length ? { problems: c.problems } : { rec, unit };
}

/** The natural key: source + externalId, else title + unit + year (as the unique indexes see it). */
export const naturalKey = (r: ImportRecord) =>
  r.external_id ? `x|${r.source}|${r.external_id}` : `n|${r.title.toLowerCase()}|${r.unit_id}|${r.year}`;
