import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { every } from '@app/common';
import { CampaignNotifier, CampaignUnitRow } from './campaign-notifier.service';

const HOUR = 3_600_000;

export interface CampaignTick {
  reminded: number;
  closed: number;
  flagged: number;
}

/**
 * The campaigns' clock, hourly (unref'd) and callable with any `now` from tests. Reminders:
 * pending items of open campaigns whose reminder day has come are claimed with one conditional
 * UPDATE (`reminded_at is null`), so several nodes or overlapping runs remind each item once.
 * Deadlines: a campaign past its deadline is closed by the run that sets `closed_at`, in the
 * same transaction that flags its unconfirmed items and marks their innovations "not verified
 * since" their last confirmation (or their creation).
 */
@Injectable()
export class CampaignTimer implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('RefreshCampaigns');
  private stop?: () => void;

  constructor(
    private readonly em: EntityManager,
    private readonly notifier: CampaignNotifier,
  ) {}

  onModuleInit(): void {
    this.stop = every(
      HOUR,
      () => this.tick(),
      (error) => this.logger.warn(`campaign check failed: ${error.message}`),
    );
  }

  onModuleDestroy(): void {
    this.stop?.();
  }

  async tick(now = new Date()): Promise<CampaignTick> {
    const reminded = await this.remind(now);
    const { closed, flagged } = await this.close(now);
    return { reminded, closed, flagged };
  }

  private async remind(now: Date): Promise<number> {
    const rows = await this.em.fork().execute<(CampaignUnitRow & { campaign_id: string; title: string; deadline: Date })[]>(
      `with due as (
         update refresh_campaign_items it set reminded_at = ?
           from refresh_campaigns c
          where it.campaign_id = c.id and c.closed_at is null and c.remind_days_before > 0
            and it.confirmed_at is null and it.reminded_at is null
            and c.deadline > ? and c.deadline - make_interval(days => c.remind_days_before) <= ?
         returning it.campaign_id, it.innovation_id, it.unit_id)
       select due.campaign_id, due.unit_id, due.innovation_id, i.title as innovation_title, c.title, c.deadline
         from due join refresh_campaigns c on c.id = due.campaign_id join innovations i on i.id = due.innovation_id
        order by i.title`,
      [now, now, now],
    );
    const byCampaign = new Map<string, typeof rows>();
    for (const r of rows) byCampaign.set(r.campaign_id, [...(byCampaign.get(r.campaign_id) ?? []), r]);
    for (const [id, items] of byCampaign)
      await this.notifier.tellUnits('reminder', { id, title: items[0].title, deadline: items[0].deadline }, items);
    return rows.length;
  }

  private async close(now: Date): Promise<{ closed: number; flagged: number }> {
    return this.em.fork().transactional(async (tx) => {
      const closed = await tx.execute<{ id: string }[]>(
        `update refresh_campaigns set closed_at = ? where closed_at is null and deadline <= ? returning id`,
        [now, now],
      );
      if (!closed.length) return { closed: 0, flagged: 0 };
      const flagged = await tx.execute<{ innovation_id: string }[]>(
        `with flagged as (
           update refresh_campaign_items set flagged_at = ?
            where campaign_id = any(string_to_array(?, ',')::uuid[]) and confirmed_at is null and flagged_at is null
           returning innovation_id),
         marked as (
           update innovations i set unverified_since = coalesce(i.unverified_since, i.verified_at, i.created_at)
             from (select distinct innovation_id from flagged) f where i.id = f.innovation_id returning i.id)
         select innovation_id from flagged`,
        [now, closed.map((c) => c.id).join(',')],
      );
      return { closed: closed.length, flagged: flagged.length };
    });
  }
}
