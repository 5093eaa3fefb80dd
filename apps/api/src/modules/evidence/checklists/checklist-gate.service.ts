import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { AppError, badRequest, forbidden } from '@app/common';
import type { ReplicationStage } from '@app/database';
import { AccessService } from '../../organisations';
import { GATED_MOVES } from './checklist-guide';
import { ChecklistSeeder } from './checklist-seeder.service';

/** The move being made, as the transition endpoint received it. */
export interface GatedMove {
  to: ReplicationStage;
  note?: string;
  override?: boolean;
}

/**
 * The checklist's say in a replication's stage move. Called by the replication registry inside
 * its transaction, after the state machine allowed the move and before it is recorded: a forward
 * move out of a checklist stage needs that stage's required items done (409
 * CHECKLIST_INCOMPLETE listing them), unless a curator or admin passes `override: true` with a
 * note; that override is recorded in `checklist_overrides` (who, when, why, what was open)
 * beside the transition, whose history carries the same note.
 */
@Injectable()
export class ChecklistGate {
  constructor(
    private readonly access: AccessService,
    private readonly seeder: ChecklistSeeder,
  ) {}

  async check(tx: EntityManager, user: AuthUser, replication: { id: string; stage: ReplicationStage }, move: GatedMove): Promise<void> {
    if (move.override) {
      if (!this.access.hasRole(user, 'curator', 'admin')) throw forbidden('Only a curator or an admin may override a stage checklist');
      if (!move.note?.trim()) throw badRequest('An override needs a note saying why', [{ field: 'note', problems: ['required with override'] }]);
    }
    const from = replication.stage;
    if (GATED_MOVES[from] !== move.to) return;
    await this.seeder.ensure(tx, [replication.id]);
    const missing = await tx.execute<{ id: string; title: string; stage: string; evidence_required: boolean }[]>(
      `select id, title, stage, evidence_required from checklist_items
        where replication_id = ? and stage = ? and required and not done order by position, created_at, id`,
      [replication.id, from],
    );
    if (!missing.length) return;
    const details = missing.map((m) => ({ id: m.id, title: m.title, stage: m.stage, evidenceRequired: m.evidence_required }));
    if (!move.override) {
      throw new AppError('CHECKLIST_INCOMPLETE', `Required checklist items of ${from} are not done (${missing.length})`, details);
    }
    await tx.execute(
      `insert into checklist_overrides (id, replication_id, from_stage, to_stage, actor_id, note, missing) values (?, ?, ?, ?, ?, ?, ?::jsonb)`,
      [randomUUID(), replication.id, from, move.to, user.id, move.note!.trim(), JSON.stringify(details)],
    );
  }
}
