import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '@app/common';

/** Answers "may this attachment serve as evidence for this replication?". */
export abstract class AttachmentEvidence {
  /** Throws 422 INVALID_ATTACHMENT when it may not. */
  abstract assertUsable(em: EntityManager, attachmentId: string, replicationId: string): Promise<void>;
}

/** Column pairs an attachments table may use to name what an attachment belongs to. */
const PARENT_PAIRS: [typeField: string, idField: string][] = [
  ['parent_type', 'parent_id'],
  ['owner_type', 'owner_id'],
  ['target_type', 'target_id'],
];

/**
 * Checks against the `attachments` table of the attachments module when that table exists
 * (`to_regclass`), and accepts the id unchecked when it does not (the attachments module is
 * not installed, so there is nothing to check against). The row is read as JSON, so the check
 * works with whichever of the usual shapes the table has: a `replication_id` column, or a
 * polymorphic type/id pair (`parent_type`/`parent_id` …). A soft-deleted row (`deleted_at`)
 * counts as missing. An attachment of another replication, or of something else, is refused.
 */
@Injectable()
export class TableAttachmentEvidence extends AttachmentEvidence {
  async assertUsable(em: EntityManager, attachmentId: string, replicationId: string): Promise<void> {
    const [{ present }] = await em.execute<{ present: boolean }[]>(`select to_regclass('public.attachments') is not null as present`);
    if (!present) return;
    const [found] = await em.execute<{ row: Record<string, unknown> }[]>(`select to_jsonb(a) as row from attachments a where a.id = ?`, [attachmentId]);
    const row = found?.row;
    if (!row || row.deleted_at) throw new AppError('INVALID_ATTACHMENT', 'No such attachment');
    if (!belongsTo(row, replicationId)) throw new AppError('INVALID_ATTACHMENT', 'The attachment does not belong to this replication');
  }
}

/** Exported for unit tests: does this attachment row belong to the replication? */
export function belongsTo(row: Record<string, unknown>, replicationId: string): boolean {
  if ('replication_id' in row) return row.replication_id === replicationId;
  for (const [typeField, idField] of PARENT_PAIRS) {
    if (idField in row) return row[idField] === replicationId && /^replications?$/i.test(String(row[typeField] ?? 'replication'));
  }
  // A shape with no parent column at all cannot tell; existing is all that can be checked.
  return true;
}
