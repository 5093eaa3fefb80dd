import { INNOVATION_SOURCES, INNOVATION_STAGES, SUSTAINABILITY_STATUSES } from '@app/database';
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

export interface RowFailure {
  row: number;
  code: string;
  message: string;
}

const KNOWN = new Set(['title', 'summary', 'description', 'unitId', 'source', 'year', 'externalId', 'award', 'sector', 'regionCode', 'digital', 'sdgs', 'tags', 'stage', 'sustainability']);

class RowError extends Error {}

const text = (v: unknown, field: string, max: number, required = false): string | null => {
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
    if (required) throw new RowError(`${field} is required`);
    return null;
  }
  if (typeof v !== 'string' && typeof v !== 'number') throw new RowError(`${field} must be text`);
  const s = String(v).trim();
  if (s.length > max) throw new RowError(`${field} is longer than ${max} characters`);
  return s;
};

/** CSV cells carry lists as `a; b` (or `a|b`); JSON may send real arrays. */
const list = (v: unknown, field: string): unknown[] => {
  if (v === undefined || v === null || v === '') return [];
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return v.split(/[;|]/).map((s) => s.trim()).filter(Boolean);
  throw new RowError(`${field} must be a list`);
};

const bool = (v: unknown): boolean => {
  if (v === undefined || v === null || v === '') return false;
  if (typeof v === 'boolean') return v;
  const s = String(v).trim().toLowerCase();
  if (['true', '1', 'ya', 'yes', 'y'].includes(s)) return true;
  if (['false', '0', 'tidak', 'no', 'n'].includes(s)) return false;
  throw new RowError('digital must be true/false (or ya/tidak)');
};

/**
 * Validates and normalises one input row (CSV record or JSON element) into an ImportRecord,
 * throwing a message for the report on the first problem. The unit's existence is checked later
 * in bulk.
 */
export function toRecord(input: unknown): ImportRecord {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw new RowError('row must be an object');
  const r = input as Record<string, unknown>;
  const unknown = Object.keys(r).filter((k) => !KNOWN.has(k));
  if (unknown.length) throw new RowError(`unknown field(s): ${unknown.join(', ')}`);
  const unitId = text(r.unitId, 'unitId', 36, true)!;
  if (!isUuid(unitId)) throw new RowError('unitId must be a UUID');
  const source = (text(r.source, 'source', 20, true) ?? '').toUpperCase();
  if (!(INNOVATION_SOURCES as readonly string[]).includes(source)) throw new RowError(`source must be one of ${INNOVATION_SOURCES.join(', ')}`);
  const yearText = text(r.year, 'year', 4, true)!;
  const year = Number(yearText);
  if (!/^\d{4}$/.test(yearText) || year < MIN_YEAR || year > MAX_YEAR) throw new RowError(`year must be a year between ${MIN_YEAR} and ${MAX_YEAR}`);
  const regionCode = text(r.regionCode, 'regionCode', 13);
  if (regionCode && !REGION_CODE.test(regionCode)) throw new RowError('regionCode must be a Kemendagri code like 35 or 35.78');
  const stage = text(r.stage, 'stage', 20)?.toLowerCase().replace(/\s+/g, '_') ?? null;
  if (stage && !(INNOVATION_STAGES as readonly string[]).includes(stage)) throw new RowError(`stage must be one of ${INNOVATION_STAGES.join(', ')}`);
  const sustainability = text(r.sustainability, 'sustainability', 20)?.toLowerCase() ?? null;
  if (sustainability && !(SUSTAINABILITY_STATUSES as readonly string[]).includes(sustainability)) throw new RowError(`sustainability must be one of ${SUSTAINABILITY_STATUSES.join(', ')}`);
  const sdgs = list(r.sdgs, 'sdgs').map((x) => Number(x));
  if (sdgs.some((n) => !Number.isInteger(n) || n < 1 || n > 17)) throw new RowError('sdgs must be goal numbers 1..17');
  const tags = list(r.tags, 'tags');
  if (tags.length > 30 || tags.some((t) => typeof t !== 'string' || t.length > 60)) throw new RowError('tags must be at most 30 texts of up to 60 characters');
  return {
    title: text(r.title, 'title', 300, true)!,
    summary: text(r.summary, 'summary', 5_000, true)!,
    description: text(r.description, 'description', 20_000),
    unit_id: unitId.toLowerCase(),
    region_code: regionCode,
    year,
    source,
    external_id: text(r.externalId, 'externalId', 100),
    award: text(r.award, 'award', 200),
    sector: text(r.sector, 'sector', 100),
    digital: bool(r.digital),
    sdgs: [...new Set(sdgs)].sort((a, b) => a - b),
    tags: normaliseTags(tags as string[]),
    stage,
    sustainability,
  };
}

export const isRowError = (e: unknown): e is Error => e instanceof RowError;

/** The natural key: source + externalId, else title + unit + year (as the unique indexes see it). */
export const naturalKey = (r: ImportRecord) => (r.external_id ? `x|${r.source}|${r.external_id}` : `n|${r.title.toLowerCase()}|${r.unit_id}|${r.year}`);
