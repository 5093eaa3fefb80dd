import { Readable } from 'node:stream';
import { EntityManager } from '@mikro-orm/postgresql';

/** Where the bytes of attachments live. Both stores take and give streams: no whole file in memory. */
export interface AttachmentStore {
  readonly kind: 'pg' | 's3';
  /** Stores the bytes under `id`; resolves with the byte count. */
  write(id: string, source: AsyncIterable<Buffer>): Promise<{ size: number; key: string | null }>;
  read(id: string, key: string | null): Promise<Readable>;
  remove(id: string, key: string | null): Promise<void>;
}

/** Bytes per row: large enough for few round trips, small enough to stream. */
const PG_CHUNK = 256 * 1024;
/** Rows fetched per query when reading. */
const PG_READ_BATCH = 4;

/**
 * Bytes in `attachment_chunks`, 256 KiB a row, so every node shares them through PostgreSQL and
 * backups hold them. Rows are inserted as the upload arrives and read back a few at a time.
 */
export class PgAttachmentStore implements AttachmentStore {
  readonly kind = 'pg' as const;

  constructor(private readonly em: EntityManager) {}

  async write(id: string, source: AsyncIterable<Buffer>): Promise<{ size: number; key: null }> {
    const conn = this.em.fork().getConnection();
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let seq = 0;
    let size = 0;
    const flush = async (all: boolean) => {
      while (pendingBytes >= PG_CHUNK || (all && pendingBytes > 0)) {
        const joined = Buffer.concat(pending);
        const take = Math.min(PG_CHUNK, joined.length);
        await conn.execute('insert into attachment_chunks (attachment_id, seq, data) values (?, ?, ?)', [id, seq++, joined.subarray(0, take)]);
        pending = take < joined.length ? [joined.subarray(take)] : [];
        pendingBytes = joined.length - take;
      }
    };
    for await (const chunk of source) {
      size += chunk.length;
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= PG_CHUNK) await flush(false);
    }
    await flush(true);
    return { size, key: null };
  }

  async read(id: string): Promise<Readable> {
    const conn = this.em.fork().getConnection();
    async function* rows(): AsyncGenerator<Buffer> {
      for (let from = 0; ; from += PG_READ_BATCH) {
        const batch = await conn.execute<{ data: Buffer }[]>('select data from attachment_chunks where attachment_id = ? and seq >= ? and seq < ? order by seq', [id, from, from + PG_READ_BATCH]);
        for (const r of batch) yield r.data;
        if (batch.length < PG_READ_BATCH) return;
      }
    }
    return Readable.from(rows(), { objectMode: false, highWaterMark: PG_CHUNK });
  }

  async remove(id: string): Promise<void> {
    await this.em.fork().getConnection().execute('delete from attachment_chunks where attachment_id = ?', [id]);
  }
}
