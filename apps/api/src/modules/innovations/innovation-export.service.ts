import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Response } from 'express';
import { RegionsService } from '../regions';
import { countSql, exportSql, InnovationRow } from './innovation-query';
import { ExportInnovationsQuery } from './innovations.dto';
import { InnovationsService } from './innovations.service';
import { queryWords } from './innovation-query';
import { attachmentsCell, cursorRows, ExportColumn, ExportedAttachment, isoCell, streamTable } from './table-export';

/** Columns named as the import reads them, so an export can be corrected and imported again. */
const COLUMNS: ExportColumn<InnovationRow & { attachments?: ExportedAttachment[] }>[] = [
  { header: 'id', value: (r) => r.id, width: 38 },
  { header: 'title', value: (r) => r.title, width: 40 },
  { header: 'summary', value: (r) => r.summary, width: 60 },
  { header: 'description', value: (r) => r.description, width: 60 },
  { header: 'unitId', value: (r) => r.unit_id, width: 38 },
  { header: 'unitName', value: (r) => r.unit_name, width: 36 },
  { header: 'agencyName', value: (r) => r.agency_name, width: 36 },
  { header: 'regionCode', value: (r) => r.region_code },
  { header: 'regionName', value: (r) => r.region_name, width: 28 },
  { header: 'provinceName', value: (r) => r.province_name, width: 24 },
  { header: 'source', value: (r) => r.source },
  { header: 'year', value: (r) => r.year },
  { header: 'externalId', value: (r) => r.external_id },
  { header: 'award', value: (r) => r.award },
  { header: 'sector', value: (r) => r.sector },
  { header: 'digital', value: (r) => r.digital },
  { header: 'sdgs', value: (r) => (r.sdgs ?? []).join(';') },
  { header: 'tags', value: (r) => (r.tags ?? []).join('; ') },
  { header: 'stage', value: (r) => r.stage },
  { header: 'sustainability', value: (r) => r.sustainability },
  { header: 'replicationCount', value: (r) => r.replication_count },
  { header: 'createdAt', value: (r) => isoCell(r.created_at) },
  { header: 'updatedAt', value: (r) => isoCell(r.updated_at) },
  // Metadata of the innovation's files (never the bytes); the files themselves stay behind access checks.
  { header: 'attachmentCount', value: (r) => r.attachments?.length ?? 0 },
  { header: 'attachments', value: (r) => attachmentsCell(r.attachments), width: 60 },
];

/** Curators' export of the catalogue: the list's filters, search and sort, every matching row, streamed. */
@Injectable()
export class InnovationExportService {
  constructor(
    private readonly em: EntityManager,
    private readonly regions: RegionsService,
  ) {}

  async export(res: Response, q: ExportInnovationsQuery): Promise<void> {
    if (q.regionCode) await this.regions.assertKnown(q.regionCode);
    const terms = queryWords(q.q);
    const filters = InnovationsService.filters(q);
    let mode: 'all' | 'any' = 'all';
    // Same fallback as the list: any word when no innovation has them all.
    if (terms.count > 1) {
      const c = countSql(terms, filters, 'all');
      const [{ n }] = await this.em.getConnection().execute<{ n: number }[]>(c.sql, c.params as never[]);
      if (n === 0) mode = 'any';
    }
    const s = exportSql(terms, filters, mode, q.sort);
    await streamTable(
      res,
      q.format ?? 'csv',
      'inovasi',
      COLUMNS,
      cursorRows<InnovationRow & { attachments?: ExportedAttachment[] }>(this.em, s.sql, s.params),
    );
  }
}
