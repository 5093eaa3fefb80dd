import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Innovation } from './innovation.entity';
import { Replication } from './replication.entity';

export const PLAYBOOK_VISIBILITIES = ['team', 'public'] as const;
export type PlaybookVisibility = (typeof PLAYBOOK_VISIBILITIES)[number];

/**
 * The record of a playbook. Either a replication's playbook (replication set) or an
 * innovation's template (innovation set, replication null). Its Yjs content lives in the
 * playbook update log and snapshots, owned by the playbooks module.
 */
@Entity({ tableName: 'playbooks' })
export class Playbook {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Replication, { nullable: true, deleteRule: 'cascade', unique: true })
  replication?: Replication | null;

  /** Set for an innovation's template playbook. */
  @ManyToOne(() => Innovation, { nullable: true, deleteRule: 'cascade' })
  templateFor?: Innovation | null;

  @Property({ type: 'text' })
  title: string;

  @Property({ type: 'text' })
  visibility: PlaybookVisibility = 'team';

  /** Plain text of the content, refreshed on store, for search. */
  @Property({ type: 'text', lazy: true })
  plainText: string = '';

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  constructor(title: string) {
    this.title = title;
  }
}
