import { StringDecoder } from 'node:string_decoder';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Request } from 'express';
import type { AuthUser } from '@app/auth';
import { AppError } from '@app/common';
import { RegionsService } from '../regions';
import { CsvRecordSplitter } from './csv-records';
import { ImportRecord, naturalKey, Problem, RowFailure, toRecord, UnitRef } from './import-rows';
import { JsonArraySplitter, MalformedJsonArray } from './json-array-splitter';
import { CreatedOrg, UnitResolver } from './unit-resolver';
import { readXlsxRows, XLSX_TYPE } from './xlsx-rows';

/** Largest import body; past it 413 (rows already imported stay imported, the report says so). */
export const IMPORT_MAX_BYTES = 200 * 1024 * 1024;
const BATCH = 1000;
/** The report lists at most this many failures (and counts the rest). */
const MAX_REPORTED_FAILURES = 1000;

const COLUMNS = `title text, summary text, description text, unit_id uuid, region_code text, year int, source text, external_id text,
  award text, sector text, digital boolean, sdgs int[], tags text[], stage text, sustainability text, n int`;
const SET = `title = excluded.title, summary = excluded.summary, description = excluded.description, region_code = excluded.region_code,
  award = excluded.award, sector = excluded.sector, digital = excluded.digital, sdgs = excluded.sdgs, tags = excluded.tags,
  stage = excluded.stage, sustainability = excluded.sustainability, updated_at = now()`;

interface Pending {
  row: number;
  line?: number;
  rec: ImportRecord;
  unit: UnitRef;
}

export interface ImportReport {
  created: number;
  updated: number;
  failed: RowFailure[];
  /** Records read (every record counted, good or bad). */
  rows: number;
  dryRun: boolean;
  /** Agencies and units the import created (createMissing=true); in a dry run, those it would create. */
  createdOrganisations: CreatedOrg[];
  /** Failures beyond the listed ones. */
  failedNotListed?: number;
}

export interface ImportOptions {
  dryRun: boolean;
  createMissing: boolean;
}

type Tx = Parameters<ReturnType<EntityManager['getConnection']>['execute']>[3];

/**
 * Bulk import, streamed: records are read one at a time (CSV, XLSX or a JSON array),
 * validated (every problem of a row reported), their units resolved (ids, source ids or names;
 * created when asked), and upserted in batches of 1,000 (one transaction each, set-based
 * statements keyed on the natural-key indexes). A batch that fails as a whole is retried row by
 * row, so one bad row never blocks the others and no row is ever half written. A dry run does
 * all of it inside one transaction that is rolled back.
 */
@Injectable()
export class InnovationImportService {
  private readonly logger = new Logger('InnovationImport');

  constructor(
    private readonly em: EntityManager,
    private readonly regions: RegionsService,
  ) {}

  async importRequest(user: AuthUser, req: Request, opts: ImportOptions): Promise<ImportReport> {
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const kind =
      type === 'text/csv' || type === 'application/csv' ? 'csv' : type === 'application/json' ? 'json' : type === XLSX_TYPE ? 'xlsx' : null;
    if (!kind) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Send text/csv, ${XLSX_TYPE} or an application/json array`);
    const conn = this.em.getConnection();
    const outer = opts.dryRun ? await conn.begin() : undefined;
    const run = new ImportRun(this.em, this.regions, user.id, opts, () => outer);
    try {
      if (kind === 'csv') await run.csv(req);
      else if (kind === 'xlsx') await run.xlsx(req);
      else await run.json(req);
      await run.flush();
    } finally {
      if (outer) await conn.rollback(outer);
    }
    run.report.failed.sort((a, b) => a.row - b.row);
    run.report.createdOrganisations = run.resolver.created;
    this.logger.log(
      `import by ${user.id}${opts.dryRun ? ' (dry run)' : ''}: ${run.report.created} created, ${run.report.updated} updated, ${run.failedCount} failed`,
    );
    return run.report;
  }
}

class ImportRun {
  readonly report: ImportReport;
  readonly resolver: UnitResolver;
  failedCount = 0;
  private batch: Pending[] = [];
  private keys = new Set<string>();
  private bytes = 0;

  constructor(
    private readonly em: EntityManager,
    private readonly regions: RegionsService,
    private readonly userId: string,
    opts: ImportOptions,
    private readonly outer: () => Tx,
  ) {
    this.report = { created: 0, updated: 0, failed: [], rows: 0, dryRun: opts.dryRun, createdOrganisations: [] };
    this.resolver = new UnitResolver(em, regions, opts.createMissing, outer);
  }

  fail(row: number, line: number | undefined, p: Problem): void {
    this.failedCount++;
    if (this.report.failed.length < MAX_REPORTED_FAILURES) this.report.failed.push({ row, ...(line ? { line } : {}), ...p });
    else this.report.failedNotListed = this.failedCount - this.report.failed.length;
  }

  private count(chunk: Buffer | string): void {
    this.bytes += chunk.length;
    if (this.bytes > IMPORT_MAX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `Import bodies are limited to ${IMPORT_MAX_BYTES} bytes`);
  }

  async add(row: number, line: number | undefined, input: unknown): Promise<void> {
    this.report.rows = row;
    const checked = toRecord(input);
    if ('problems' in checked) {
      for (const p of checked.problems) this.fail(row, line, p);
      return;
    }
    const { rec, unit } = checked;
    if (rec.region_code && !(await this.regions.find(rec.region_code))) {
      return this.fail(row, line, {
        field: 'regionCode',
        code: 'REGION_UNKNOWN',
        message: `regionCode ${rec.region_code} is not a Kemendagri province or regency/city code`,
      });
    }
    const resolved = await this.resolver.resolve(unit, rec.source, rec.region_code, row);
    if ('code' in resolved) return this.fail(row, line, resolved);
    rec.unit_id = resolved.id;
    rec.region_code ??= resolved.region;
    // The same key twice in one statement is not allowed by ON CONFLICT: write what we have first.
    const key = naturalKey(rec);
    if (this.keys.has(key)) await this.flush();
    this.keys.add(key);
    this.batch.push({ row, line, rec, unit });
    if (this.batch.length >= BATCH) await this.flush();
  }

  /** Header record → column names; each later record → an object of its non-empty cells. */
  private async records(header: string[] | null, cells: string[], row: number, line: number): Promise<void> {
    if (!header) return;
    if (cells.length !== header.length) {
      return this.fail(row, line, { code: 'CSV_SYNTAX', message: `record has ${cells.length} cells, the header has ${header.length}` });
    }
    const obj: Record<string, string> = {};
    header.forEach((h, k) => {
      if (cells[k] !== '') obj[h] = cells[k];
    });
    await this.add(row, line, obj);
  }

  async csv(req: Request): Promise<void> {
    const splitter = new CsvRecordSplitter();
    const decoder = new StringDecoder('utf8');
    let header: string[] | null = null;
    let row = 0;
    const take = async (records: ReturnType<CsvRecordSplitter['push']>) => {
      for (const r of records) {
        if (!header) {
          if (r.error) throw new AppError('VALIDATION_FAILED', `CSV header could not be read: ${r.error}`);
          header = r.cells.map((h) => h.trim());
          continue;
        }
        row++;
        this.report.rows = row;
        if (r.error) this.fail(row, r.line, { code: 'CSV_SYNTAX', message: `${r.error}; reading resumed on line ${r.line + 1}` });
        else await this.records(header, r.cells, row, r.line);
      }
    };
    for await (const chunk of req as AsyncIterable<Buffer>) {
      this.count(chunk);
      await take(splitter.push(decoder.write(chunk)));
    }
    await take(splitter.push(decoder.end()));
    await take(splitter.end());
  }

  async xlsx(req: Request): Promise<void> {
    let header: string[] | null = null;
    let row = 0;
    let tooLarge: AppError | null = null;
    req.on('data', (c: Buffer) => {
      try {
        this.count(c);
      } catch (e) {
        tooLarge = e as AppError;
        req.destroy();
      }
    });
    try {
      for await (const r of readXlsxRows(req)) {
        if (!header) {
          header = r.cells.map((h) => h.trim());
          continue;
        }
        row++;
        this.report.rows = row;
        // Spreadsheets do not store trailing empty cells: pad to the header.
        const cells = [...r.cells, ...Array<string>(Math.max(0, header.length - r.cells.length)).fill('')];
        await this.records(header, cells, row, r.line);
      }
    } catch (e) {
      if (tooLarge) throw tooLarge;
      if (!(e as { xlsx?: boolean }).xlsx) throw e;
      if (!header) throw new AppError('VALIDATION_FAILED', (e as Error).message);
      this.report.rows = row + 1;
      this.fail(row + 1, undefined, { code: 'XLSX_SYNTAX', message: (e as Error).message });
    }
  }

  async json(req: Request): Promise<void> {
    const splitter = new JsonArraySplitter();
    const decoder = new StringDecoder('utf8');
    let row = 0;
    try {
      for await (const chunk of req as AsyncIterable<Buffer>) {
        this.count(chunk);
        for (const element of splitter.push(decoder.write(chunk))) {
          row++;
          let value: unknown;
          try {
            value = JSON.parse(element.text);
          } catch (e) {
            this.report.rows = row;
            this.fail(row, element.line, { code: 'MALFORMED_JSON', message: (e as Error).message });
            continue;
          }
          await this.add(row, element.line, value);
        }
      }
      splitter.push(decoder.end());
      splitter.end();
    } catch (e) {
      if (!(e instanceof MalformedJsonArray)) throw e;
      if (row === 0 && !splitter.started) throw new AppError('MALFORMED_JSON', e.message);
      this.report.rows = row + 1;
      this.fail(row + 1, splitter.line, { code: 'MALFORMED_JSON', message: `${e.message}; nothing after this element could be read` });
    }
  }

  async flush(): Promise<void> {
    const batch = this.batch;
    this.batch = [];
    this.keys.clear();
    if (!batch.length) return;
    try {
      await this.write(batch);
    } catch {
      // Something in the batch broke the set-based write: isolate it row by row.
      for (const p of batch) {
        try {
          await this.write([p]);
        } catch (e) {
          this.fail(p.row, p.line, { code: 'ROW_REJECTED', message: (e as Error).message.split('\n')[0].slice(0, 300) });
        }
      }
    }
  }

  /** One transaction (a savepoint in a dry run): upsert by source+externalId, then by title+unit+year. */
  private async write(items: Pending[]): Promise<void> {
    const withId = items.filter((p) => p.rec.external_id);
    const without = items.filter((p) => !p.rec.external_id);
    const conn = this.em.getConnection();
    const counts = await conn.transactional(
      async (trx) => {
        const upsert = async (rows: Pending[], conflict: string) => {
          if (!rows.length) return [] as { inserted: boolean }[];
          const json = JSON.stringify(rows.map((p) => ({ ...p.rec, n: p.row })));
          return conn.execute<{ inserted: boolean }[]>(
            `insert into innovations (id, title, summary, description, unit_id, region_code, year, source, external_id, award, sector, digital,
                                      sdgs, tags, stage, sustainability, created_by_id, created_at, updated_at)
             select gen_random_uuid(), r.title, r.summary, r.description, r.unit_id, r.region_code, r.year, r.source, r.external_id, r.award,
                    r.sector, coalesce(r.digital, false), coalesce(r.sdgs, '{}'), coalesce(r.tags, '{}'), r.stage, r.sustainability, ?, now(), now()
               from jsonb_to_recordset(?::jsonb) as r(${COLUMNS}) order by r.n
             on conflict ${conflict} do update set ${SET}
             returning (xmax = 0) as inserted`,
            [this.userId, json],
            'all',
            trx,
          );
        };
        const a = await upsert(withId, '(source, external_id) where external_id is not null');
        const b = await upsert(without, '(lower(btrim(title)), unit_id, year) where external_id is null');
        return [...a, ...b];
      },
      { ctx: this.outer() as never },
    );
    for (const c of counts) {
      if (c.inserted) this.report.created++;
      else this.report.updated++;
    }
  }
}
