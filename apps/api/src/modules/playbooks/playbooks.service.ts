import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import * as Y from 'yjs';
import type { AuthUser } from '@app/auth';
import { AppError, forbidden, iso, notFound } from '@app/common';
import { Innovation, Playbook } from '@app/database';
import { AccessService } from '../organisations';
import { CollabBus } from './collab/collab-bus';
import { ORIGIN_SERVER } from './collab/collab-document';
import { CollabDocuments } from './collab/collab-documents.service';
import { PlaybookVersionsStore, VersionRow } from './collab/playbook-versions.store';
import { applyContentOf } from './content/restore';
import { PlaybookAccess, PlaybookAccessLevel, PlaybookRow } from './playbook-access.service';
import { PlaybookFactory } from './playbook-factory.service';
import { PlaybookView, UpdatePlaybookDto, VersionView } from './playbooks.dto';

const versionView = (v: VersionRow): VersionView => ({
  id: v.id,
  label: v.label,
  createdAt: iso(v.created_at),
  createdBy: v.created_by_id ? { id: v.created_by_id, name: v.created_by_name ?? '' } : null,
  auto: v.auto,
});

/** Playbook records, versions, export and innovation templates (the HTTP side). */
@Injectable()
export class PlaybooksService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: PlaybookAccess,
    private readonly orgAccess: AccessService,
    private readonly documents: CollabDocuments,
    private readonly versions: PlaybookVersionsStore,
    private readonly factory: PlaybookFactory,
    private readonly bus: CollabBus,
  ) {}

  /** The playbook and the caller's access to it; 404 unknown, 403 none, 403 when edit is needed. */
  private async authorise(
    user: AuthUser,
    id: string,
    need: PlaybookAccessLevel,
  ): Promise<{ row: PlaybookRow; level: PlaybookAccessLevel }> {
    const row = await this.access.row(id, this.em);
    if (!row) throw notFound('Playbook');
    const level = await this.access.level(user, row, this.em);
    if (!level) throw forbidden('You may not open this playbook');
    if (need === 'edit' && level !== 'edit') throw forbidden('Only the playbook’s editors may do this');
    return { row, level };
  }

  private view(row: PlaybookRow, level: PlaybookAccessLevel): PlaybookView {
    return {
      id: row.id,
      title: row.title,
      replicationId: row.replication_id,
      templateForInnovationId: row.template_for_id,
      visibility: row.visibility,
      access: level,
    };
  }

  async get(user: AuthUser, id: string): Promise<PlaybookView> {
    const { row, level } = await this.authorise(user, id, 'view');
    return this.view(row, level);
  }

  async update(user: AuthUser, id: string, dto: UpdatePlaybookDto): Promise<PlaybookView> {
    const { row } = await this.authorise(user, id, 'edit');
    const changes: Record<string, unknown> = {};
    if (dto.title !== undefined) changes.title = dto.title.trim();
    if (dto.visibility !== undefined) changes.visibility = dto.visibility;
    if (Object.keys(changes).length) await this.em.nativeUpdate(Playbook, { id }, changes);
    // Going from public to team removes viewers: their sockets close within moments.
    if (dto.visibility !== undefined && dto.visibility !== row.visibility) this.bus.announceAccess({ playbookId: id });
    const fresh = (await this.access.row(id, this.em))!;
    return this.view(fresh, (await this.access.level(user, fresh, this.em))!);
  }

  async createVersion(user: AuthUser, id: string, label: string): Promise<VersionView> {
    await this.authorise(user, id, 'edit');
    const row = await this.documents.withDoc(id, (doc) =>
      this.versions.insert(id, label.trim(), Y.encodeStateAsUpdate(doc.doc), false, user.id),
    );
    if (!row) throw notFound('Playbook');
    return versionView(row);
  }

  async listVersions(user: AuthUser, id: string, sort?: string): Promise<{ items: VersionView[] }> {
    await this.authorise(user, id, 'view');
    return { items: (await this.versions.list(id, sort)).map(versionView) };
  }

  async restore(user: AuthUser, id: string, versionId: string) {
    await this.authorise(user, id, 'edit');
    const version = await this.versions.get(id, versionId);
    const data = version && (await this.versions.data(id, versionId));
    if (!version || !data) throw notFound('Version');
    const result = await this.documents.withDoc(id, async (doc) => {
      doc.noteEditor(user.id);
      const backup = await this.versions.insert(
        id,
        `Sebelum pemulihan ke “${version.label}”`.slice(0, 200),
        Y.encodeStateAsUpdate(doc.doc),
        false,
        user.id,
      );
      const target = new Y.Doc();
      try {
        Y.applyUpdate(target, data);
        applyContentOf(doc.doc, target, ORIGIN_SERVER);
      } finally {
        target.destroy();
      }
      await doc.flush();
      if (doc.hasPending) throw new AppError('SERVICE_UNAVAILABLE', 'The restored content could not be stored yet; it is kept and retried');
      return backup;
    });
    if (!result) throw notFound('Playbook');
    return { restoredVersion: versionView(version), backupVersion: versionView(result) };
  }

  private async templateRow(innovationId: string): Promise<PlaybookRow | null> {
    const rows = await this.em
      .getConnection()
      .execute<{ id: string }[]>('select id from playbooks where template_for_id = ? order by created_at limit 1', [innovationId]);
    return rows[0] ? this.access.row(rows[0].id, this.em) : null;
  }

  /** Origin-unit members, curators and admins create an innovation's template playbook. */
  async ensureTemplate(user: AuthUser, innovationId: string, title?: string): Promise<{ created: boolean; view: PlaybookView }> {
    const innovation = await this.em.findOne(Innovation, { id: innovationId }, { fields: ['id', 'title', 'unit'] as never });
    if (!innovation) throw notFound('Innovation');
    const allowed =
      this.orgAccess.hasRole(user, 'admin', 'curator') || (await this.orgAccess.isUnitMember(user.id, innovation.unit.id, this.em));
    if (!allowed) throw forbidden('Only the innovation’s unit, curators and admins may create its template');
    const existing = await this.templateRow(innovationId);
    if (existing) return { created: false, view: this.view(existing, (await this.access.level(user, existing, this.em)) ?? 'view') };
    const em = this.em.fork();
    // Serialised per innovation so two concurrent calls never make two templates.
    const id = await em.transactional(async (tx) => {
      await tx
        .getConnection()
        .execute(`select pg_advisory_xact_lock(hashtextextended('template:' || ?, 0))`, [innovationId], 'all', tx.getTransactionContext());
      const again = await tx
        .getConnection()
        .execute<{ id: string }[]>(
          'select id from playbooks where template_for_id = ? limit 1',
          [innovationId],
          'all',
          tx.getTransactionContext(),
        );
      if (again[0]) return again[0].id;
      const playbook = this.factory.createTemplate(
        tx,
        tx.getReference(Innovation, innovationId),
        title?.trim() || `Templat playbook: ${innovation.title}`.slice(0, 200),
      );
      await tx.flush();
      return playbook.id;
    });
    const row = (await this.access.row(id, this.em))!;
    return { created: true, view: this.view(row, (await this.access.level(user, row, this.em)) ?? 'view') };
  }

  async getTemplate(user: AuthUser, innovationId: string): Promise<PlaybookView> {
    const innovation = await this.em.count(Innovation, { id: innovationId });
    if (!innovation) throw notFound('Innovation');
    const row = await this.templateRow(innovationId);
    if (!row) throw notFound('Template playbook');
    const level = await this.access.level(user, row, this.em);
    if (!level) throw forbidden('You may not open this playbook');
    return this.view(row, level);
  }
}
