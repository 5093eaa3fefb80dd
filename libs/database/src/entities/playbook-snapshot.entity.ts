import { Entity, OneToOne, Property } from '@mikro-orm/decorators/legacy';
import { Playbook } from './playbook.entity';

/**
 * A playbook's compacted Yjs state (one merged update). Written once at creation with the
 * initial content, then only by compaction (compare-and-set on `version`).
 */
@Entity({ tableName: 'playbook_snapshots' })
export class PlaybookSnapshot {
  @OneToOne(() => Playbook, { primary: true, deleteRule: 'cascade', owner: true })
  playbook: Playbook;

  @Property({ type: 'blob' })
  data: Buffer;

  @Property({ type: 'int' })
  version: number = 0;

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();

  /** Not stored: the innovation whose template playbook, if any, replaces `data` at insert. */
  @Property({ persist: false })
  seedFromInnovationId?: string | null;

  constructor(playbook: Playbook, data: Uint8Array) {
    this.playbook = playbook;
    this.data = Buffer.from(data);
  }
}
