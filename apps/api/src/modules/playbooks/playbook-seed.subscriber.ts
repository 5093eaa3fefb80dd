import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EventArgs, EventSubscriber } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import * as Y from 'yjs';
import { PlaybookSnapshot } from '@app/database';
import { mergeMany } from './collab/merge-updates';
import { CONTENT } from './content/prosemirror';

/**
 * When a replication's playbook is inserted and its innovation has a template playbook, the
 * template's current content becomes the initial snapshot, read in the same transaction.
 */
@Injectable()
export class PlaybookSeedSubscriber implements EventSubscriber<PlaybookSnapshot>, OnModuleInit {
  constructor(private readonly em: EntityManager) {}

  onModuleInit(): void {
    this.em.getEventManager().registerSubscriber(this);
  }

  getSubscribedEntities() {
    return [PlaybookSnapshot];
  }

  async beforeCreate(args: EventArgs<PlaybookSnapshot>): Promise<void> {
    const innovationId = args.entity.seedFromInnovationId;
    if (!innovationId) return;
    const em = args.em as EntityManager;
    const conn = em.getConnection();
    const ctx = em.getTransactionContext();
    const rows = await conn.execute<{ data: Buffer }[]>(
      `select s.data from playbooks p join playbook_snapshots s on s.playbook_id = p.id
        where p.template_for_id = ? order by p.created_at limit 1`,
      [innovationId],
      'all',
      ctx,
    );
    if (!rows[0]) return;
    const logs = await conn.execute<{ data: Buffer }[]>(
      `select u.data from playbook_updates u join playbooks p on p.id = u.playbook_id
        where p.template_for_id = ? order by u.id`,
      [innovationId],
      'all',
      ctx,
    );
    const state = mergeMany([rows[0].data, ...logs.map((l) => l.data)].map((b) => new Uint8Array(b)));
    // An emptied template would give an empty playbook: keep the stage headings instead.
    const probe = new Y.Doc();
    Y.applyUpdate(probe, state);
    const empty = probe.getXmlFragment(CONTENT).length === 0;
    probe.destroy();
    if (!empty) args.entity.data = Buffer.from(state);
  }
}
