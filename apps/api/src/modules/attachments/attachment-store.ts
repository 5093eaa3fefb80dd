import { Readable } from 'node:stream';
import pg from 'pg';

/** Where the bytes of attachments live. Both stores take and give streams: no whole file in memory. */
export interface AttachmentStore {
  readonly kind: 'pg' | 's3';
  /** Stores the bytes under `id`; resolves with the byte count. */
  write(id: string, source: AsyncIterable<Buffer>): Promise<{ size: number; key: string | null }>;
  read(id: string, key: string | null): Promise<Readable>;
  remove(id: string, key: string | null): Promise<void>;
}

/**
 * Bytes per row. Small on purpose: PostgreSQL sends bytea results as hex text, and text under
 * V8's large-object size (128 KiB) is young garbage that dies cheaply, where bigger strings pile
 * up in the old generation until a full collection, raising RSS by a multiple of the file.
 */
const PG_CHUNK = 32 * 1024;
/** Rows written per INSERT (256 KiB a round trip) and read per SELECT (512 KiB). */
const PG_WRITE_BATCH = 8;
const PG_READ_BATCH = 16;

/**
 * Bytes in `attachment_chunks`, 32 KiB a row, so every node shares them through PostgreSQL and
 * backups hold them. Rows are inserted as the upload arrives and read back a few at a time.
 * Chunk I/O uses its own small `pg` pool with real query parameters: the ORM formats
 * parameters into the SQL text, which would turn every chunk into a hex string twice its size.
 */
export class PgAttachmentStore implements AttachmentStore {
  readonly kind = 'pg' as const;
  private readonly pool: pg.Pool;

  constructor(connectionString: string) {
    this.pool = new pg.Pool({ connectionString, max: 4 });
    this.pool.on('error', () => undefined); // an idle client's error; the next query reconnects
  }

  async write(id: string, source: AsyncIterable<Buffer>): Promise<{ size: number; key: null }> {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let seq = 0;
    let size = 0;
    const batchBytes = PG_CHUNK * PG_WRITE_BATCH;
    const flush = async (all: boolean) => {
      while (pendingBytes >= batchBytes || (all && pendingBytes > 0)) {
        const joined = pending.length === 1 ? pending[0] : Buffer.concat(pending);
        const take = Math.min(batchBytes, joined.length);
        const values: unknown[] = [id];
        const rows: string[] = [];
        for (let at = 0; at < take; at += PG_CHUNK) {
          values.push(seq++, joined.subarray(at, Math.min(at + PG_CHUNK, take)));
          rows.push(`($1, $${values.length - 1}, $${values.length})`);
        }
        await this.pool.query(`insert into attachment_chunks (attachment_id, seq, data) values ${rows.join(', ')}`, values);
        pending = take < joined.length ? [joined.subarray(take)] : [];
        pendingBytes = joined.length - take;
      }
    };
    for await (const chunk of source) {
      size += chunk.length;
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= batchBytes) await flush(false);
    }
    await flush(true);
    return { size, key: null };
  }

  async read(id: string): Promise<Readable> {
    const pool = this.pool;
    async function* rows(): AsyncGenerator<Buffer> {
      for (let from = 0; ; from += PG_READ_BATCH) {
        const batch = await pool.query<{ data: Buffer }>(
          'select data from attachment_chunks where attachment_id = $1 and seq >= $2 and seq < $3 order by seq',
          [id, from, from + PG_READ_BATCH],
        );
        // One buffer per batch: fewer, larger writes to the socket.
        if (batch.rows.length) yield batch.rows.length === 1 ? batch.rows[0].data : Buffer.concat(batch.rows.map((r) => r.data));
        if (batch.rows.length < PG_READ_BATCH) return;
      }
    }
    return Readable.from(rows(), { objectMode: false, highWaterMark: PG_CHUNK * PG_READ_BATCH });
  }

  async remove(id: string): Promise<void> {
    await this.pool.query('delete from attachment_chunks where attachment_id = $1', [id]);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
