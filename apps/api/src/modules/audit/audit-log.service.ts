import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { iso, orderBySql } from '@app/common';
import { AuditEntry, writeAudit } from './audit';

export interface AuditFilter {
  actorId?: string;
  targetId?: string;
  action?: string;
  limit?: number;
  /** ISO time: entries strictly older (the next page, newest first). */
  before?: string;
  /** ISO time: entries strictly newer (the next page, oldest first). */
  after?: string;
  /** `created` or `-created` (the default, newest first). */
  sort?: string;
}

/** `sort=` keys of the audit log (trusted SQL for `orderBySql`). */
export const AUDIT_SORT = { created: 'a.created_at' };

interface AuditRow {
  id: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target_type: string;
  target_id: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  created_at: Date;
}

/** The moderation audit log: discussions and moderation append to it, moderators read it. */
@Injectable()
export class AuditLog {
  constructor(private readonly em: EntityManager) {}

  /** Appends inside the caller's transaction; see `writeAudit`. */
  write(tx: EntityManager, entry: AuditEntry): Promise<void> {
    return writeAudit(tx, entry);
  }

  /** Newest first (or, with `sort=created`, oldest first), with the actor's name. */
  async list(q: AuditFilter) {
    const conds: string[] = [];
    const params: unknown[] = [];
    if (q.actorId) (conds.push('a.actor_id = ?'), params.push(q.actorId));
    if (q.targetId) (conds.push('a.target_id = ?'), params.push(q.targetId));
    if (q.action) (conds.push('a.action = ?'), params.push(q.action));
    if (q.before) (conds.push('a.created_at < ?'), params.push(new Date(q.before)));
    // Responses carry milliseconds and the column microseconds: compare at the cursor's precision.
    if (q.after) (conds.push(`date_trunc('milliseconds', a.created_at) > ?`), params.push(new Date(q.after)));
    const rows = await this.em.execute<AuditRow[]>(
      `select a.*, u.name as actor_name from moderation_audit a left join users u on u.id = a.actor_id
        ${conds.length ? `where ${conds.join(' and ')}` : ''} order by ${orderBySql(q.sort, '-created', AUDIT_SORT, 'a.id')} limit ?`,
      [...params, q.limit ?? 50],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        actor: r.actor_id ? { id: r.actor_id, name: r.actor_name } : null,
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        before: r.before,
        after: r.after,
        reason: r.reason,
        createdAt: iso(r.created_at),
      })),
    };
  }
}
