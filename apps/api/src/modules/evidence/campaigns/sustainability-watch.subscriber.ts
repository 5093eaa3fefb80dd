import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { EventArgs, EventSubscriber } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Innovation } from '@app/database';
import { NotificationsService } from '../../notifications';

/** The statuses a replicating unit must hear about: the innovation it copies went dormant or stopped. */
const ALARMING = new Set(['vakum', 'berhenti']);

/**
 * Tells the replicating units of an innovation when its sustainability turns `vakum` or
 * `berhenti`, whichever path changed it through the ORM (the catalogue's PATCH, a campaign
 * confirmation). Members of units with an active (or institutionalised) replication are told.
 */
@Injectable()
export class SustainabilityWatch implements EventSubscriber<Innovation>, OnModuleInit {
  private readonly logger = new Logger('SustainabilityWatch');

  constructor(
    private readonly em: EntityManager,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.em.getEventManager().registerSubscriber(this);
  }

  getSubscribedEntities() {
    return [Innovation];
  }

  async afterUpdate(args: EventArgs<Innovation>): Promise<void> {
    const before = (args.changeSet?.originalEntity as { sustainability?: string | null } | undefined)?.sustainability ?? null;
    const after = args.entity.sustainability ?? null;
    if (!after || after === before || !ALARMING.has(after)) return;
    const innovation = { id: args.entity.id, title: args.entity.title };
    // After the flush, outside its transaction: a notice never holds up or undoes the change.
    setImmediate(() => {
      this.tell(innovation, before, after).catch((error) =>
        this.logger.warn(`telling replicating units of ${innovation.id} failed: ${(error as Error).message}`),
      );
    });
  }

  private async tell(innovation: { id: string; title: string }, from: string | null, to: string): Promise<void> {
    const rows = await this.em.fork().execute<{ user_id: string; replication_id: string }[]>(
      `select m.user_id, r.id as replication_id from replications r join memberships m on m.unit_id = r.replicating_unit_id
        where r.innovation_id = ? and r.stage not in ('DECLINED','WITHDRAWN','DISCONTINUED')`,
      [innovation.id],
    );
    const byUser = new Map<string, string[]>();
    for (const r of rows) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r.replication_id]);
    for (const [userId, replicationIds] of byUser) {
      await this.notifications.notify([userId], 'innovation_status_changed', {
        innovationId: innovation.id,
        innovationTitle: innovation.title,
        from,
        to,
        replicationIds,
      });
    }
  }
}
