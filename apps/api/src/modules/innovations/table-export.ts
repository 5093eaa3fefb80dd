import type { Writable } from 'node:stream';
import type { Response } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import { XLSX_TYPE } from './xlsx-rows';
import { writeXlsx } from './xlsx-writer';

export type ExportFormat = 'csv' | 'xlsx';
export type Cell = string | number | boolean | null | undefined;

export interface ExportColumn<R> {
  header: string;
  value: (r: R) => Cell;
  /** Spreadsheet column width in characters. */
  width?: number;
}

/**
 * Text that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, and tab / carriage
 * return, which some programs strip before looking) gets a leading apostrophe: shown as text,
 * never evaluated (OWASP "CSV injection").
 */
export function neutralise(v: Cell): Cell {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

const csvCell = (v: Cell): string => {
  if (v === null || v === undefined) return '';
  const s = String(neutralise(v));
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Rows of a query read through a server-side cursor (pg-cursor), never all at once. */
export function cursorRows<T>(em: EntityManager, sql: string, params: unknown[]): AsyncIterable<T> {
  return em
    .fork()
    .getConnection()
    .stream(sql, params as never[], undefined, undefined, 500) as unknown as AsyncIterable<T>;
}

/**
 * Streams rows to the response as CSV (UTF-8 with BOM, so Excel reads the accents; comma
 * separated) or XLSX (`writeXlsx`: sheet XML deflated into the zip row by row), waiting for
 * the client when its buffer is full. Memory stays at one batch of rows whatever the count.
 */
export async function streamTable<R>(
  res: Response,
  format: ExportFormat,
  name: string,
  columns: ExportColumn<R>[],
  rows: AsyncIterable<R>,
): Promise<void> {
  const stamp = new Date().toISOString().slice(0, 10);
  res.status(200);
  res.setHeader('content-disposition', `attachment; filename="${name}-${stamp}.${format}"`);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('cache-control', 'no-store');
  const drain = () => waitDrain(res, res);
  if (format === 'csv') {
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.write(`\ufeff${columns.map((c) => csvCell(c.header)).join(',')}\r\n`);
    let chunk = '';
    for await (const r of rows) {
      if (res.destroyed) break;
      chunk += `${columns.map((c) => csvCell(c.value(r))).join(',')}\r\n`;
      if (chunk.length > 64 * 1024) {
        res.write(chunk);
        chunk = '';
        await drain();
      }
    }
    res.end(chunk);
    return;
  }
  res.setHeader('content-type', XLSX_TYPE);
  async function* cells(): AsyncGenerator<Cell[]> {
    for await (const r of rows) yield columns.map((c) => neutralise(c.value(r)));
  }
  await writeXlsx(
    res,
    name,
    columns.map((c) => c.header),
    cells(),
  );
  res.end();
}

/** Resolves when `w` has room again (or at once); also when the client goes away. */
function waitDrain(w: Writable, res: Response): Promise<void> | undefined {
  // archiver's streams are readable-stream 2 (no writableNeedDrain): read its state.
  const full = w.writableNeedDrain ?? (w as unknown as { _writableState?: { needDrain?: boolean } })._writableState?.needDrain;
  if (!full || res.destroyed) return undefined;
  return new Promise<void>((resolve) => {
    const done = () => {
      w.off('drain', done);
      res.off('close', done);
      resolve();
    };
    w.on('drain', done);
    res.on('close', done);
  });
}

/** ISO-8601 UTC for a database time. */
export const isoCell = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

/** One attachment as exports describe it: metadata only, never the bytes. */
export interface ExportedAttachment {
  id: string;
  name: string;
  contentType: string;
  size: number;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
}

/**
 * The attachments of each exported row, as a correlated subquery on the parent's id (served by
 * attachments_parent_idx): a JSON array of ExportedAttachment, oldest first.
 */
export function attachmentsSql(parentType: 'innovation' | 'replication' | 'playbook', idExpr: string): string {
  return `(select coalesce(jsonb_agg(jsonb_build_object('id', x.id, 'name', x.name, 'contentType', x.content_type, 'size', x.size,
      'createdBy', case when xu.id is null then null else jsonb_build_object('id', xu.id, 'name', xu.name) end,
      'createdAt', to_char(x.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) order by x.created_at, x.id), '[]'::jsonb)
     from attachments x left join users xu on xu.id = x.created_by_id
    where x.parent_type = '${parentType}' and x.parent_id = ${idExpr} and x.complete)`;
}

/** A table cell listing attachments: `name (type, size B, uploader, date)` joined by ` | `. */
export function attachmentsCell(list: ExportedAttachment[] | null | undefined): string | null {
  if (!list?.length) return null;
  return list.map((a) => `${a.name} (${a.contentType}, ${a.size} B, ${a.createdBy?.name ?? '-'}, ${a.createdAt})`).join(' | ');
}
