import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { NotificationsService } from '../../notifications';
import { CampaignMail } from './campaign-mail';

export interface CampaignUnitRow {
  unit_id: string;
  innovation_id: string;
  innovation_title: string;
}

/** At most this many innovations are listed in one notification (the count is always given). */
const LISTED = 20;

/**
 * Tells each origin unit's members what a campaign asks of them: one notification per member and
 * unit (not one per innovation), and the same message through the `CampaignMail` seam.
 */
@Injectable()
export class CampaignNotifier {
  private readonly logger = new Logger('RefreshCampaigns');

  constructor(
    private readonly em: EntityManager,
    private readonly notifications: NotificationsService,
    private readonly mail: CampaignMail,
  ) {}

  async tellUnits(
    kind: 'requested' | 'reminder',
    campaign: { id: string; title: string; deadline: Date },
    rows: CampaignUnitRow[],
  ): Promise<void> {
    if (!rows.length) return;
    const byUnit = new Map<string, CampaignUnitRow[]>();
    for (const r of rows) byUnit.set(r.unit_id, [...(byUnit.get(r.unit_id) ?? []), r]);
    const members = await this.em
      .fork()
      .execute<{ unit_id: string; user_id: string }[]>(
        "select unit_id, user_id from memberships where unit_id = any(string_to_array(?, ',')::uuid[])",
        [[...byUnit.keys()].join(',')],
      );
    const deadline = new Date(campaign.deadline).toISOString();
    for (const [unitId, items] of byUnit) {
      const userIds = members.filter((m) => m.unit_id === unitId).map((m) => m.user_id);
      const innovations = items.map((i) => ({ id: i.innovation_id, title: i.innovation_title }));
      const payload = {
        campaignId: campaign.id,
        campaignTitle: campaign.title,
        deadline,
        unitId,
        count: innovations.length,
        innovations: innovations.slice(0, LISTED),
      };
      try {
        await this.notifications.notify(userIds, kind === 'requested' ? 'refresh_requested' : 'refresh_reminder', payload);
        await this.mail.send({ kind, campaign: { id: campaign.id, title: campaign.title, deadline }, unitId, userIds, innovations });
      } catch (error) {
        // One unit's failed delivery must not keep the others from hearing about the campaign.
        this.logger.warn(`campaign ${campaign.id}: telling unit ${unitId} failed: ${(error as Error).message}`);
      }
    }
  }
}
