import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Playbook, Replication } from '@app/database';

/**
 * Creates a replication's playbook inside the caller's transaction, so a replication never
 * exists without its playbook.
 */
@Injectable()
export class PlaybookFactory {
  createForReplication(em: EntityManager, replication: Replication, title: string): Playbook {
    const playbook = new Playbook(title);
    playbook.replication = replication;
    em.persist(playbook);
    return playbook;
  }
}
