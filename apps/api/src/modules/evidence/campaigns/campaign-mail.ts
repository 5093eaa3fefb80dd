import { Injectable } from '@nestjs/common';

/** One origin unit's share of a campaign message. */
export interface CampaignMailMessage {
  kind: 'requested' | 'reminder';
  campaign: { id: string; title: string; deadline: string };
  unitId: string;
  userIds: string[];
  innovations: { id: string; title: string }[];
}

/**
 * The e-mail side of data refresh campaigns. Every message is also an in-app notification
 * (NotificationsService); this seam is where the mail module plugs in: bind `CampaignMail` to
 * an implementation that sends through it (`EvidenceModule`'s providers list).
 */
export abstract class CampaignMail {
  abstract send(message: CampaignMailMessage): Promise<void>;
}

/** The default until a mail module is bound: campaigns reach people by in-app notification only. */
@Injectable()
export class NotificationOnlyCampaignMail extends CampaignMail {
  async send(): Promise<void> {
    // Nothing to send with: no mail transport is bound to this seam.
  }
}
