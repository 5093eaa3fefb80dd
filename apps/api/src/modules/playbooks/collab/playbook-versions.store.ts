import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { orderBySql } from '@app/common';
import type { VERSION_SORTS } from '../playbooks.dto';

export interface VersionRow {
  id: string;
  label: string;
  auto: boolean;
  created_at: Date;
  created_by_id: string | null;
  created_by_name: string | null;
}

const VERSION_ORDER: Record<(typeof VERSION_SORTS)[number], string> = { created: 'v.created_at', label: 'lower(v.label)' };

/** Named and automatic versions: full document states, kept until the playbook goes. */
@Injectable()
export class PlaybookVersionsStore {
  constructor(private readonly em: EntityManager) {}

  async insert(playbookId: string, label: string, state: Uint8Array, auto: boolean, userId: string | null): Promise<VersionRow> {
    const id = randomUUID();
    await this.em
      .fork()
      .getConnection()
      .execute('insert into playbook_versions (id, playbook_id, label, data, auto, created_by_id) values (?, ?, ?, ?, ?, ?)', [
        id,
        playbookId,
        label,
        Buffer.from(state),
        auto,
        userId,
      ]);
    const row = await this.get(playbookId, id);
    return row!;
  }

  async list(playbookId: string, sort?: string): Promise<VersionRow[]> {
    return this.em
      .fork()
      .getConnection()
      .execute<VersionRow[]>(
        `select v.id, v.label, v.auto, v.created_at, v.created_by_id, u.name as created_by_name
           from playbook_versions v left join users u on u.id = v.created_by_id
          where v.playbook_id = ? order by ${orderBySql(sort, '-created', VERSION_ORDER, 'v.id')} limit 500`,
        [playbookId],
      );
  }

  async get(playbookId: string, versionId: string): Promise<VersionRow | null> {
    const rows = await this.em
      .fork()
      .getConnection()
      .execute<VersionRow[]>(
        `select v.id, v.label, v.auto, v.created_at, v.created_by_id, u.name as created_by_name
           from playbook_versions v left join users u on u.id = v.created_by_id
          where v.playbook_id = ? and v.id = ?`,
        [playbookId, versionId],
      );
    return rows[0] ?? null;
  }

  async data(playbookId: string, versionId: string): Promise<Uint8Array | null> {
    const rows = await this.em
      .fork()
      .getConnection()
      .execute<{ data: Buffer }[]>('select data from playbook_versions where playbook_id = ? and id = ?', [playbookId, versionId]);
    return rows[0] ? new Uint8Array(rows[0].data) : null;
  }
}
