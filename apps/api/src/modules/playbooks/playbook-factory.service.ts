import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Innovation, Playbook, PlaybookSnapshot, Replication } from '@app/database';
import { stageSeedUpdate } from './content/prosemirror';

/**
 * Creates playbooks inside the caller's transaction, so a replication never exists without its
 * playbook. The initial content is written here, once, as the playbook's first snapshot: the
 * innovation's template playbook when there is one (filled in at insert by
 * PlaybookSeedSubscriber, in the same transaction), else the stage headings. Documents are
 * never seeded on load, so reopening can never duplicate the headings.
 */
@Injectable()
export class PlaybookFactory {
  createForReplication(em: EntityManager, replication: Replication, title: string): Playbook {
    const playbook = new Playbook(title);
    playbook.replication = replication;
    const snapshot = new PlaybookSnapshot(playbook, stageSeedUpdate());
    snapshot.seedFromInnovationId = replication.innovation?.id ?? null;
    em.persist([playbook, snapshot]);
    return playbook;
  }

  /** An innovation's template playbook (public by default: replicating teams read it). */
  createTemplate(em: EntityManager, innovation: Innovation, title: string): Playbook {
    const playbook = new Playbook(title);
    playbook.templateFor = innovation;
    playbook.visibility = 'public';
    em.persist([playbook, new PlaybookSnapshot(playbook, stageSeedUpdate())]);
    return playbook;
  }
}
