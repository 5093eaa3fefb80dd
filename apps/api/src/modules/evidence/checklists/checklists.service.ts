import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { AppError, forbidden, notFound } from '@app/common';
import { AttachmentEvidence } from '../attachment-evidence.service';
import { ReplicationAccessService } from '../replication-access.service';
import { CHECKLIST_STAGES } from './checklist-guide';
import { ChecklistSeeder } from './checklist-seeder.service';
import { ChecklistItemRow, checklistItemView, ChecklistItemView, ChecklistView, CreateChecklistItemDto, UpdateChecklistItemDto } from './checklists.dto';

const ITEM_COLUMNS = 'id, stage, title, required, evidence_required, seed_key, done, done_by_id, done_at, attachment_id';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A replication's stage checklists: read, add, tick off with evidence, remove. */
@Injectable()
export class ChecklistsService {
  constructor(
    private readonly em: EntityManager,
    private readonly replications: ReplicationAccessService,
    private readonly seeder: ChecklistSeeder,
    private readonly attachments: AttachmentEvidence,
  ) {}

  async get(replicationId: string): Promise<ChecklistView> {
    const em = this.em.fork();
    const r = await this.replications.load(replicationId, em);
    await this.seeder.ensure(em, [r.id]);
    const items = await em.execute<ChecklistItemRow[]>(`select ${ITEM_COLUMNS} from checklist_items where replication_id = ? order by position, created_at, id`, [r.id]);
    const overrides = await em.execute<{ from_stage: string; to_stage: string; actor_id: string | null; actor_name: string | null; note: string; missing: unknown[]; at: Date }[]>(
      `select o.from_stage, o.to_stage, o.actor_id, u.name as actor_name, o.note, o.missing, o.at
         from checklist_overrides o left join users u on u.id = o.actor_id where o.replication_id = ? order by o.at, o.id`,
      [r.id],
    );
    return {
      replicationId: r.id,
      currentStage: r.stage,
      stages: CHECKLIST_STAGES.map((stage) => {
        const own = items.filter((i) => i.stage === stage);
        return {
          stage,
          items: own.map(checklistItemView),
          done: own.filter((i) => i.done).length,
          total: own.length,
          requiredOpen: own.filter((i) => i.required && !i.done).length,
        };
      }),
      overrides: overrides.map((o) => ({ from: o.from_stage, to: o.to_stage, actorId: o.actor_id, actorName: o.actor_name, note: o.note, missing: o.missing, at: new Date(o.at).toISOString() })),
    };
  }

  async add(user: AuthUser, replicationId: string, dto: CreateChecklistItemDto): Promise<ChecklistItemView> {
    const em = this.em.fork();
    const r = await this.replications.load(replicationId, em);
    await this.replications.assertEditor(user, r, em);
    await this.seeder.ensure(em, [r.id]);
    const [row] = await em.execute<ChecklistItemRow[]>(
      `insert into checklist_items (id, replication_id, stage, title, required, evidence_required, position, created_by_id)
       select ?, ?, ?, ?, ?, ?, coalesce(max(position) + 1, 0), ? from checklist_items where replication_id = ?
       returning ${ITEM_COLUMNS}`,
      [randomUUID(), r.id, dto.stage, dto.title.trim(), dto.required ?? false, dto.evidenceRequired ?? false, user.id, r.id],
    );
    return checklistItemView(row);
  }

  async update(user: AuthUser, replicationId: string, itemId: string, dto: UpdateChecklistItemDto): Promise<ChecklistItemView> {
    const em = this.em.fork();
    const r = await this.replications.load(replicationId, em);
    await this.replications.assertEditor(user, r, em);
    return em.transactional(async (tx) => {
      const item = await this.item(tx, r.id, itemId, true);
      if (dto.attachmentId) await this.attachments.assertUsable(tx, dto.attachmentId, r.id);
      const attachmentId = dto.attachmentId !== undefined ? dto.attachmentId : item.attachment_id;
      const done = dto.done ?? item.done;
      if (done && item.evidence_required && !attachmentId) {
        throw new AppError('EVIDENCE_REQUIRED', 'This item is proven by a document: attach it (attachmentId) to mark the item done', [{ id: item.id, title: item.title }]);
      }
      const becameDone = done && !item.done;
      const [row] = await tx.execute<ChecklistItemRow[]>(
        `update checklist_items set title = ?, attachment_id = ?, done = ?,
                done_by_id = case when ? then ? when ? then done_by_id else null end,
                done_at = case when ? then now() when ? then done_at else null end,
                updated_at = now()
          where id = ? returning ${ITEM_COLUMNS}`,
        [dto.title?.trim() ?? item.title, attachmentId, done, becameDone, user.id, done, becameDone, done, item.id],
      );
      return checklistItemView(row);
    });
  }

  /** Editors remove items that are not required; a required item only a curator or admin removes. */
  async remove(user: AuthUser, replicationId: string, itemId: string): Promise<void> {
    const em = this.em.fork();
    const r = await this.replications.load(replicationId, em);
    await this.replications.assertEditorOrCurator(user, r, em);
    const item = await this.item(em, r.id, itemId, false);
    if (item.required && !this.replications.isCurator(user)) throw forbidden('Only a curator or an admin may remove a required item');
    await em.execute('delete from checklist_items where id = ?', [item.id]);
  }

  private async item(em: EntityManager, replicationId: string, itemId: string, lock: boolean): Promise<ChecklistItemRow> {
    if (!UUID.test(itemId)) throw notFound('Checklist item');
    const [item] = await em.execute<ChecklistItemRow[]>(
      `select ${ITEM_COLUMNS} from checklist_items where id = ? and replication_id = ?${lock ? ' for update' : ''}`,
      [itemId, replicationId],
    );
    if (!item) throw notFound('Checklist item');
    return item;
  }
}
