import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { mergeMany } from './merge-updates';

export interface LoadedState {
  /** The snapshot, then the log rows in order. */
  parts: Uint8Array[];
  /** Log rows still outside the snapshot (drives compaction). */
  logRows: number;
}

/** What the live documents need from storage (a fake stands in for it in unit tests). */
export interface DocumentStorage {
  load(playbookId: string): Promise<LoadedState | null>;
  append(playbookId: string, update: Uint8Array, nodeId: string, editorId?: string | null): Promise<void>;
  savePlainText(playbookId: string, text: string): Promise<void>;
  replace(playbookId: string, state: Uint8Array): Promise<void>;
  /** Merges the log into the snapshot; the number of rows merged. */
  compact(playbookId: string): Promise<number>;
}

/**
 * PostgreSQL I/O of playbook documents: the append-only update log, the compacted snapshot
 * and the plain text kept for search. Stateless; every call forks its own EntityManager.
 */
@Injectable()
export class PlaybookStore implements DocumentStorage {
  private readonly log = new Logger('PlaybookStore');

  constructor(private readonly em: EntityManager) {}

  private conn() {
    return this.em.fork().getConnection();
  }

  /** Snapshot + log, or null when the playbook does not exist. */
  async load(playbookId: string): Promise<LoadedState | null> {
    // One statement, so one consistent view: read separately, a compaction committing between the
    // snapshot read and the log read would lose the rows it merged (new snapshot unseen, rows gone).
    const rows = await this.conn().execute<{ part: number; data: Buffer | null }[]>(
      `select 0 as part, 0::bigint as seq, s.data from playbooks p left join playbook_snapshots s on s.playbook_id = p.id where p.id = ?
       union all
       select 1, u.id, u.data from playbook_updates u where u.playbook_id = ?
       order by part, seq`,
      [playbookId, playbookId],
    );
    if (rows[0]?.part !== 0) return null;
    const parts: Uint8Array[] = [];
    for (const r of rows) if (r.data) parts.push(new Uint8Array(r.data));
    return { parts, logRows: rows.length - 1 };
  }

  /**
   * Appends one (merged) update to the log and notes who edited last, in one statement. Throws on
   * failure: the caller keeps it and retries.
   */
  async append(playbookId: string, update: Uint8Array, nodeId: string, editorId: string | null = null): Promise<void> {
    await this.conn().execute(
      `with appended as (insert into playbook_updates (playbook_id, data, node_id) values (?, ?, ?) returning playbook_id)
       update playbooks set last_edited_at = now(), last_edited_by_id = coalesce(?::uuid, last_edited_by_id) where id = (select playbook_id from appended)`,
      [playbookId, Buffer.from(update), nodeId, editorId],
    );
  }

  /** Keeps `playbooks.plain_text` (and with it the search vector) in step with the content. */
  async savePlainText(playbookId: string, text: string): Promise<void> {
    await this.conn().execute('update playbooks set plain_text = ?, updated_at = now() where id = ? and plain_text is distinct from ?', [
      text,
      playbookId,
      text,
    ]);
  }

  /**
   * Replaces the whole stored state (snapshot and log) by `state`, in one transaction: used only to
   * repair a document stored before the schema was enforced.
   */
  async replace(playbookId: string, state: Uint8Array): Promise<void> {
    await this.em.fork().transactional(async (tx) => {
      const conn = tx.getConnection();
      const ctx = tx.getTransactionContext();
      await conn.execute(
        `insert into playbook_snapshots (playbook_id, data, version) values (?, ?, 1)
         on conflict (playbook_id) do update set data = excluded.data, version = playbook_snapshots.version + 1, updated_at = now()`,
        [playbookId, Buffer.from(state)],
        'all',
        ctx,
      );
      await conn.execute('delete from playbook_updates where playbook_id = ?', [playbookId], 'all', ctx);
    });
  }

  /**
   * Merges the log into the snapshot. One compactor per document at a time across nodes
   * (transaction-scoped advisory lock, skipped if another node holds it); the snapshot row is
   * locked and replaced only if its `version` is still the one read (an older merge never
   * overwrites a newer one); exactly the merged log rows are deleted, so a row committed after
   * the read survives for the next round. Returns the number of rows merged.
   */
  async compact(playbookId: string): Promise<number> {
    return this.em.fork().transactional(async (tx) => {
      const conn = tx.getConnection();
      const ctx = tx.getTransactionContext();
      const run = <T extends object[]>(sql: string, params: unknown[]) => conn.execute<T>(sql, params, 'all', ctx);
      const [lock] = await run<{ ok: boolean }[]>(`select pg_try_advisory_xact_lock(hashtextextended('playbook:' || ?, 0)) as ok`, [
        playbookId,
      ]);
      if (!lock?.ok) return 0;
      const snap = await run<{ data: Buffer; version: number }[]>(
        'select data, version from playbook_snapshots where playbook_id = ? for update',
        [playbookId],
      );
      const rows = await run<{ id: string; data: Buffer }[]>(
        'select id, data from playbook_updates where playbook_id = ? order by id limit 50000',
        [playbookId],
      );
      if (!rows.length) return 0;
      const parts = [...(snap[0] ? [new Uint8Array(snap[0].data)] : []), ...rows.map((r) => new Uint8Array(r.data))];
      const merged = Buffer.from(mergeMany(parts));
      if (snap[0]) {
        const res = await run<{ version: number }[]>(
          'update playbook_snapshots set data = ?, version = version + 1, updated_at = now() where playbook_id = ? and version = ? returning version',
          [merged, playbookId, snap[0].version],
        );
        if (!res.length) throw new Error('snapshot changed during compaction');
      } else {
        const res = await run<{ version: number }[]>(
          'insert into playbook_snapshots (playbook_id, data, version) values (?, ?, 1) on conflict (playbook_id) do nothing returning version',
          [merged, playbookId],
        );
        if (!res.length) throw new Error('snapshot created during compaction');
      }
      await run<object[]>('delete from playbook_updates where playbook_id = ? and id in (?)', [playbookId, rows.map((r) => r.id)]);
      this.log.debug(`compacted ${rows.length} updates of ${playbookId}`);
      return rows.length;
    });
  }
}
