import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

export type AuditAction =
  | 'post.hide'
  | 'post.restore'
  | 'thread.lock'
  | 'thread.unlock'
  | 'thread.pin'
  | 'thread.unpin'
  | 'thread.slow_mode'
  | 'thread.answer'
  | 'user.suspend'
  | 'user.lift_suspension'
  | 'queue.claim'
  | 'queue.release'
  | 'queue.resolve';

export interface AuditEntry {
  actorId: string;
  action: AuditAction;
  targetType: 'post' | 'thread' | 'user' | 'queue_item';
  targetId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/**
 * Appends one moderator action to the audit log, inside the caller's transaction (so the action
 * and its record commit or fail together).
 */
export async function writeAudit(em: EntityManager, e: AuditEntry): Promise<void> {
  await em.execute(
    'insert into moderation_audit (id, actor_id, action, target_type, target_id, before, after, reason) values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)',
    [
      randomUUID(),
      e.actorId,
      e.action,
      e.targetType,
      e.targetId,
      e.before === undefined ? null : JSON.stringify(e.before),
      e.after === undefined ? null : JSON.stringify(e.after),
      e.reason ?? null,
    ],
  );
}
