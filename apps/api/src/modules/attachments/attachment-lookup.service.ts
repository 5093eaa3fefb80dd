import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { badRequest } from '@app/common';
import type { ParentType } from './attachment-parents.service';

/**
 * For other modules that point at attachments by id (replication evidence: checklist items,
 * measurements): "does attachment X exist and belong to parent Y?". No access check; the caller
 * already checked its own parent.
 */
@Injectable()
export class AttachmentLookup {
  constructor(private readonly em: EntityManager) {}

  async belongsTo(attachmentId: string, parentType: ParentType, parentId: string, em: EntityManager = this.em): Promise<boolean> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(attachmentId)) return false;
    const [row] = await em.execute<{ ok: boolean }[]>(
      'select exists (select 1 from attachments where id = ? and parent_type = ? and parent_id = ? and complete) as ok',
      [attachmentId, parentType, parentId],
    );
    return row?.ok === true;
  }

  /** 400 VALIDATION_FAILED naming `field` unless the attachment belongs to the parent. */
  async assertBelongsTo(
    attachmentId: string,
    parentType: ParentType,
    parentId: string,
    field = 'attachmentId',
    em: EntityManager = this.em,
  ): Promise<void> {
    if (!(await this.belongsTo(attachmentId, parentType, parentId, em))) {
      throw badRequest(`${field}: not an attachment of this ${parentType}`, [
        { field, problems: [`not an attachment of this ${parentType}`] },
      ]);
    }
  }
}
