import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '@app/common';

export interface Region {
  code: string;
  name: string;
  provinceCode: string;
  level: 'province' | 'regency';
}

/** Province (`73`) or regency/city (`73.71`) code, the only levels an innovation's region may have. */
export const REGION_CODE_FORMAT = /^\d{2}(\.\d{2})?$/;

/**
 * Kemendagri provinces and regencies/cities (the `regions` table, loaded from `idn-area-data`
 * by a migration). ~550 rows that never change while running: read once, kept in memory.
 */
@Injectable()
export class RegionsService {
  private regions?: Promise<Map<string, Region>>;

  constructor(private readonly em: EntityManager) {}

  private all(): Promise<Map<string, Region>> {
    this.regions ??= this.em
      .fork()
      .getConnection()
      .execute<{ code: string; name: string; province_code: string; level: Region['level'] }[]>(
        'select code, name, province_code, level from regions order by code',
      )
      .then((rows) => new Map(rows.map((r) => [r.code, { code: r.code, name: r.name, provinceCode: r.province_code, level: r.level }])))
      .catch((e) => {
        this.regions = undefined;
        throw e;
      });
    return this.regions;
  }

  async find(code: string | null | undefined): Promise<Region | null> {
    if (!code) return null;
    return (await this.all()).get(code) ?? null;
  }

  /** 400 `REGION_UNKNOWN` unless `code` is a real province or regency/city code. */
  async assertKnown(code: string | null | undefined, field = 'regionCode'): Promise<void> {
    if (code === null || code === undefined) return;
    if (!(await this.find(code)))
      throw new AppError('REGION_UNKNOWN', `${field} ${code} is not a Kemendagri province or regency/city code`, [{ field, value: code }]);
  }

  /** A stored code narrowed to the levels innovations use (an agency's district code → its regency). */
  async narrow(code: string | null | undefined): Promise<string | null> {
    if (!code) return null;
    const regency = code.split('.').slice(0, 2).join('.');
    if (await this.find(regency)) return regency;
    const province = code.split('.')[0];
    return (await this.find(province)) ? province : null;
  }

  /** Provinces, or the regencies/cities of one province; optionally filtered by name. */
  async list(province?: string, q?: string): Promise<(Region & { provinceName: string | null })[]> {
    const all = await this.all();
    const needle = q?.trim().toLowerCase();
    return [...all.values()]
      .filter((r) => (province ? r.level === 'regency' && r.provinceCode === province : r.level === 'province'))
      .filter((r) => !needle || r.name.toLowerCase().includes(needle))
      .map((r) => ({ ...r, provinceName: all.get(r.provinceCode)?.name ?? null }));
  }
}
