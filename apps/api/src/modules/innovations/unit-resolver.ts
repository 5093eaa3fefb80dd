import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RegionsService } from '../regions';
import type { Problem, UnitRef } from './import-rows';

export interface ResolvedUnit {
  id: string;
  region: string | null;
}

export interface CreatedOrg {
  kind: 'agency' | 'unit';
  id: string;
  name: string;
  agencyName?: string;
  /** The first row that needed it. */
  row: number;
}

type Tx = Parameters<ReturnType<EntityManager['getConnection']>['execute']>[3];

/** Names compare without case and extra spaces: "Dinkes  kota makassar" = "Dinkes Kota Makassar". */
const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
const NORM_SQL = (col: string) => `lower(regexp_replace(btrim(${col}), '\\s+', ' ', 'g'))`;

/** The kind of agency its name says (Kota → city, Kabupaten → regency …), for agencies an import creates. */
export function guessAgencyKind(name: string): string {
  const n = norm(name);
  if (/\bkota\b/.test(n)) return 'city';
  if (/\bkabupaten\b|\bkab\.?\s/.test(n)) return 'regency';
  if (/\bprovinsi\b/.test(n)) return 'province';
  if (/^kementerian\b/.test(n)) return 'ministry';
  if (/^(badan|lembaga)\b/.test(n)) return 'agency';
  if (/\b(bumn|bumd|pt|perum|persero)\b/.test(n)) return 'soe';
  return 'other';
}

/**
 * Finds the origin unit an import row names — by `unitId`, by the source system's unit id, or
 * by unit and agency names (with the region to tell equally named agencies apart) — and, when
 * allowed, creates the missing agency and unit. Answers are cached per import, so 20,000 rows of
 * one unit cost one look-up.
 */
export class UnitResolver {
  private cache = new Map<string, Promise<ResolvedUnit | Problem>>();
  readonly created: CreatedOrg[] = [];

  constructor(
    private readonly em: EntityManager,
    private readonly regions: RegionsService,
    private readonly createMissing: boolean,
    private readonly tx: () => Tx,
  ) {}

  private exec<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.em.getConnection().execute<T[]>(sql, params as never[], 'all', this.tx());
  }

  resolve(ref: UnitRef, source: string, regionCode: string | null, row: number): Promise<ResolvedUnit | Problem> {
    const key = ref.unitId
      ? `id|${ref.unitId}`
      : ref.unitExternalId && !ref.unitName
        ? `x|${source}|${ref.unitExternalId}`
        : `n|${norm(ref.agencyName ?? '')}|${norm(ref.unitName ?? '')}|${regionCode ?? ''}|${ref.unitExternalId ?? ''}|${source}`;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.lookup(ref, source, regionCode, row);
      this.cache.set(key, hit);
    }
    return hit;
  }

  private async lookup(ref: UnitRef, source: string, regionCode: string | null, row: number): Promise<ResolvedUnit | Problem> {
    const sel = `select u.id, a.region_code from units u join agencies a on a.id = u.agency_id`;
    const found = async (rows: { id: string; region_code: string | null }[]) => ({
      id: rows[0].id,
      region: await this.regions.narrow(rows[0].region_code),
    });
    if (ref.unitId) {
      const rows = await this.exec<{ id: string; region_code: string | null }>(`${sel} where u.id = ?`, [ref.unitId]);
      return rows.length ? found(rows) : { field: 'unitId', code: 'NOT_FOUND', message: `unit ${ref.unitId} not found` };
    }
    if (ref.unitExternalId) {
      const rows = await this.exec<{ id: string; region_code: string | null }>(
        `${sel} join unit_external_ids x on x.unit_id = u.id where x.source = ? and x.external_id = ?`,
        [source, ref.unitExternalId],
      );
      if (rows.length) return found(rows);
      if (!ref.unitName || !ref.agencyName)
        return {
          field: 'unitExternalId',
          code: 'NOT_FOUND',
          message: `no unit has ${source} id ${ref.unitExternalId}; give unitName and agencyName too`,
        };
    }
    const agency = await this.findAgency(ref, source, regionCode);
    if ('code' in agency) return agency;
    let unitId: string | null = null;
    if (agency.id) {
      const units = await this.exec<{ id: string }>(`select id from units where agency_id = ? and ${NORM_SQL('name')} = ?`, [
        agency.id,
        norm(ref.unitName!),
      ]);
      unitId = units[0]?.id ?? null;
    }
    if (!unitId) {
      if (!this.createMissing) {
        return agency.id
          ? {
              field: 'unitName',
              code: 'NOT_FOUND',
              message: `agency "${ref.agencyName}" has no unit "${ref.unitName}" (createMissing=true creates it)`,
            }
          : {
              field: 'agencyName',
              code: 'NOT_FOUND',
              message: `no agency "${ref.agencyName}"${regionCode ? ` in region ${regionCode}` : ''} (createMissing=true creates it and the unit)`,
            };
      }
      let agencyId = agency.id;
      if (!agencyId) {
        agencyId = randomUUID();
        const kind = ref.agencyKind ?? guessAgencyKind(ref.agencyName!);
        await this.exec(`insert into agencies (id, name, kind, region_code, created_at) values (?, ?, ?, ?, now())`, [
          agencyId,
          ref.agencyName!.trim(),
          kind,
          regionCode,
        ]);
        if (ref.agencyExternalId)
          await this.exec(`insert into agency_external_ids (source, external_id, agency_id) values (?, ?, ?) on conflict do nothing`, [
            source,
            ref.agencyExternalId,
            agencyId,
          ]);
        this.created.push({ kind: 'agency', id: agencyId, name: ref.agencyName!.trim(), row });
        agency.region = regionCode;
      }
      unitId = randomUUID();
      await this.exec(`insert into units (id, agency_id, name, created_at) values (?, ?, ?, now())`, [
        unitId,
        agencyId,
        ref.unitName!.trim(),
      ]);
      this.created.push({ kind: 'unit', id: unitId, name: ref.unitName!.trim(), agencyName: ref.agencyName!.trim(), row });
    }
    // Remember the source system's id for next time.
    if (ref.unitExternalId)
      await this.exec(`insert into unit_external_ids (source, external_id, unit_id) values (?, ?, ?) on conflict do nothing`, [
        source,
        ref.unitExternalId,
        unitId,
      ]);
    return { id: unitId, region: await this.regions.narrow(agency.region) };
  }

  /** The agency by source id, else by name (narrowed by region when several share it); `id: null` when there is none. */
  private async findAgency(
    ref: UnitRef,
    source: string,
    regionCode: string | null,
  ): Promise<{ id: string | null; region: string | null } | Problem> {
    if (ref.agencyExternalId) {
      const rows = await this.exec<{ id: string; region_code: string | null }>(
        `select a.id, a.region_code from agencies a join agency_external_ids x on x.agency_id = a.id where x.source = ? and x.external_id = ?`,
        [source, ref.agencyExternalId],
      );
      if (rows.length) return { id: rows[0].id, region: rows[0].region_code };
    }
    let rows = await this.exec<{ id: string; region_code: string | null }>(
      `select id, region_code from agencies where ${NORM_SQL('name')} = ?`,
      [norm(ref.agencyName!)],
    );
    if (rows.length > 1 && regionCode)
      rows = rows.filter(
        (r) => r.region_code === regionCode || r.region_code?.startsWith(`${regionCode}.`) || regionCode.startsWith(`${r.region_code}.`),
      );
    if (rows.length > 1)
      return {
        field: 'agencyName',
        code: 'AMBIGUOUS',
        message: `${rows.length} agencies are named "${ref.agencyName}"; give regionCode or agencyExternalId`,
      };
    if (rows.length && ref.agencyExternalId)
      await this.exec(`insert into agency_external_ids (source, external_id, agency_id) values (?, ?, ?) on conflict do nothing`, [
        source,
        ref.agencyExternalId,
        rows[0].id,
      ]);
    return rows.length ? { id: rows[0].id, region: rows[0].region_code } : { id: null, region: null };
  }
}
