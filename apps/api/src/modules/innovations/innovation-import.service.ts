import { StringDecoder } from 'node:string_decoder';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { parse as parseCsv, Options as CsvOptions } from 'csv-parse';
import type { Request } from 'express';
import type { AuthUser } from '@app/auth';
import { AppError } from '@app/common';
import { ImportRecord, isRowError, naturalKey, RowFailure, toRecord } from './import-rows';
import { JsonArraySplitter, MalformedJsonArray } from './json-array-splitter';

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
  rec: ImportRecord;
}

export interface ImportReport {
  created: number;
  updated: number;
  failed: RowFailure[];
  /** Failures beyond the listed ones. */
  failedNotListed?: number;
}

/**
 * Bulk import, streamed: rows are parsed one at a time, validated, and upserted in batches of
 * 1,000 (one transaction each, two set-based statements keyed on the natural-key indexes). A
 * batch that fails as a whole is retried row by row, so one bad row never blocks the others and
 * no row is ever half written.
 */
@Injectable()
export class InnovationImportService {
  private readonly logger = new Logger('InnovationImport');

  constructor(private readonly em: EntityManager) {}

  async importRequest(user: AuthUser, req: Request): Promise<ImportReport> {
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const isCsv = type === 'text/csv' || type === 'application/csv';
    const isJson = type === 'application/json';
    if (!isCsv && !isJson) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send text/csv or an application/json array');
    const run = new ImportRun(this.em, user.id);
    if (isCsv) await run.csv(req);
    else await run.json(req);
    await run.flush();
    run.report.failed.sort((a, b) => a.row - b.row);
    this.logger.log(`import by ${user.id}: ${run.report.created} created, ${run.report.updated} updated, ${run.failedCount} failed`);
    return run.report;
  }
}

class ImportRun {
  readonly report: ImportReport = { created: 0, updated: 0, failed: [] };
  failedCount = 0;
  private batch: Pending[] = [];
  private keys = new Set<string>();
  private units = new Map<string, { region: string | null } | null>();
  private rowsSeen = 0;
  private bytes = 0;

  constructor(
    private readonly em: EntityManager,
    private readonly userId: string,
  ) {}

  fail(row: number, code: string, message: string): void {
    this.failedCount++;
    if (this.report.failed.length < MAX_REPORTED_FAILURES) this.report.failed.push({ row, code, message });
    else this.report.failedNotListed = this.failedCount - this.report.failed.length;
  }

  private count(chunk: Buffer | string): void {
    this.bytes += chunk.length;
    if (this.bytes > IMPORT_MAX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `Import bodies are limited to ${IMPORT_MAX_BYTES} bytes`);
  }

  async add(row: number, input: unknown): Promise<void> {
    this.rowsSeen = row;
    let rec: ImportRecord;
    try {
      rec = toRecord(input);
    } catch (e) {
      if (isRowError(e)) return this.fail(row, 'VALIDATION_FAILED', e.message);
      throw e;
    }
    // The same key twice in one statement is not allowed by ON CONFLICT: write what we have first.
    const key = naturalKey(rec);
    if (this.keys.has(key)) await this.flush();
    this.keys.add(key);
    this.batch.push({ row, rec });
    if (this.batch.length >= BATCH) await this.flush();
  }

  async csv(req: Request): Promise<void> {
    // Rows are numbered while parsing (records and skipped records alike, in file order);
    // the loop below consumes them later, so its own counter would not see the skips.
    let ordinal = 0;
    const parser = parseCsv({
      columns: (header: string[]) => header.map((h) => h.trim()),
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_quotes: true,
      skip_records_with_error: true,
      on_record: (rec: Record<string, string>) => ({ rec, n: ++ordinal }),
    } as unknown as CsvOptions);
    // A record the CSV grammar rejects (wrong column count, broken quoting) is skipped and reported.
    // After a broken quote the parser cannot find the next record boundary reliably: say so.
    parser.on('skip', (err: { message: string; code?: string }) => {
      const quote = /QUOTE/.test(err.code ?? '');
      this.fail(++ordinal, 'CSV_SYNTAX', quote ? `${err.message}; rows after a broken quote may not have been read` : err.message);
    });
    req.on('data', (c: Buffer) => {
      try {
        this.count(c);
      } catch (e) {
        parser.destroy(e as Error);
      }
    });
    req.pipe(parser);
    try {
      for await (const { rec, n } of parser as AsyncIterable<{ rec: Record<string, string>; n: number }>) {
        // Empty cells are absent values, as in JSON.
        await this.add(n, Object.fromEntries(Object.entries(rec).filter(([, v]) => v !== '')));
      }
    } catch (e) {
      if (e instanceof AppError) throw e;
      if (ordinal === 0) throw new AppError('VALIDATION_FAILED', `CSV could not be read: ${(e as Error).message}`);
      this.fail(ordinal + 1, 'CSV_SYNTAX', (e as Error).message);
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
            value = JSON.parse(element);
          } catch (e) {
            this.fail(row, 'MALFORMED_JSON', (e as Error).message);
            continue;
          }
          await this.add(row, value);
        }
      }
      splitter.push(decoder.end());
      splitter.end();
    } catch (e) {
      if (!(e instanceof MalformedJsonArray)) throw e;
      if (row === 0) throw new AppError('MALFORMED_JSON', e.message);
      this.fail(row + 1, 'MALFORMED_JSON', e.message);
    }
  }

  async flush(): Promise<void> {
    const batch = this.batch;
    this.batch = [];
    this.keys.clear();
    if (!batch.length) return;
    const ok = await this.resolveUnits(batch);
    if (!ok.length) return;
    try {
      await this.write(ok);
    } catch {
      // Something in the batch broke the set-based write: isolate it row by row.
      for (const p of ok) {
        try {
          await this.write([p]);
        } catch (e) {
          this.fail(p.row, 'ROW_REJECTED', (e as Error).message.split('\n')[0].slice(0, 300));
        }
      }
    }
  }

  /** Drops rows whose unit does not exist (reported) and fills the region from the unit's agency. */
  private async resolveUnits(batch: Pending[]): Promise<Pending[]> {
    const missing = [...new Set(batch.map((p) => p.rec.unit_id))].filter((id) => !this.units.has(id));
    if (missing.length) {
      const rows = await this.em.getConnection().execute<{ id: string; region_code: string | null }[]>(
        `select u.id, a.region_code from units u join agencies a on a.id = u.agency_id where u.id = any(string_to_array(?, ',')::uuid[])`,
        [missing.join(',')],
      );
      for (const id of missing) this.units.set(id, null);
      for (const r of rows) this.units.set(r.id, { region: r.region_code });
    }
    const ok: Pending[] = [];
    for (const p of batch) {
      const unit = this.units.get(p.rec.unit_id);
      if (!unit) this.fail(p.row, 'NOT_FOUND', `unit ${p.rec.unit_id} not found`);
      else {
        p.rec.region_code ??= unit.region;
        ok.push(p);
      }
    }
    return ok;
  }

  /** One transaction: upsert by source+externalId, then by title+unit+year. */
  private async write(items: Pending[]): Promise<void> {
    const withId = items.filter((p) => p.rec.external_id);
    const without = items.filter((p) => !p.rec.external_id);
    const counts = await this.em.getConnection().transactional(async (trx) => {
      const upsert = async (rows: Pending[], conflict: string) => {
        if (!rows.length) return [] as { inserted: boolean }[];
        const json = JSON.stringify(rows.map((p) => ({ ...p.rec, n: p.row })));
        return this.em.getConnection().execute<{ inserted: boolean }[]>(
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
    });
    for (const c of counts) {
      if (c.inserted) this.report.created++;
      else this.report.updated++;
    }
  }
}
