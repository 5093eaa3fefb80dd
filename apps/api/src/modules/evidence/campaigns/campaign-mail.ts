import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { APP_CONFIG } from '@app/common';
import type { AppConfig } from '@app/common';
import { MailQueue } from '../../mail';

/** One origin unit's share of a campaign message. */
export interface CampaignMailMessage {
  kind: 'requested' | 'reminder';
  campaign: { id: string; title: string; deadline: string };
  unitId: string;
  userIds: string[];
  innovations: { id: string; title: string }[];
}

/**
 * The e-mail side of data refresh campaigns; every message is also an in-app notification
 * (NotificationsService). Bound in `EvidenceModule` to `QueuedCampaignMail`; a deployment that
 * wants notifications only binds another implementation there.
 */
export abstract class CampaignMail {
  abstract send(message: CampaignMailMessage): Promise<void>;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const LISTED = 30;

/** The Indonesian mail for one recipient: what to confirm, by when, and where. */
export function campaignMail(m: CampaignMailMessage, name: string, link: string): { subject: string; text: string; html: string } {
  const deadline = new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: 'Asia/Jakarta' }).format(new Date(m.campaign.deadline));
  const subject =
    m.kind === 'requested' ? `Pemutakhiran data inovasi: ${m.campaign.title}` : `Pengingat pemutakhiran data inovasi: ${m.campaign.title}`;
  const intro =
    m.kind === 'requested'
      ? `Unit Anda diminta memastikan data ${m.innovations.length} inovasi berikut masih benar (tahap, keberlanjutan, kontak) paling lambat ${deadline}.`
      : `Data ${m.innovations.length} inovasi berikut belum dikonfirmasi. Batas waktunya ${deadline}; inovasi yang belum dikonfirmasi akan ditandai "belum diverifikasi".`;
  const titles = m.innovations.slice(0, LISTED).map((i) => i.title);
  const more = m.innovations.length > LISTED ? [`… dan ${m.innovations.length - LISTED} lainnya`] : [];
  const text = [
    `Halo ${name},`,
    '',
    intro,
    '',
    ...titles.map((t) => `- ${t}`),
    ...more,
    '',
    `Konfirmasi di: ${link}`,
    '',
    '—',
    'JIPPNas Kolaborasi',
  ].join('\n');
  const html = `<!doctype html><html lang="id"><body style="font-family:Arial,sans-serif;line-height:1.5">
<p>${esc(`Halo ${name},`)}</p><p>${esc(intro)}</p><ul>${[...titles, ...more].map((t) => `<li>${esc(t)}</li>`).join('')}</ul>
<p><a href="${esc(link)}">Konfirmasi data inovasi</a></p><p style="font-size:12px">— JIPPNas Kolaborasi</p></body></html>`;
  return { subject, text, html };
}

/** Queues one mail per member through the mail module (SMTP, or the outbox when SMTP_URL is unset). */
@Injectable()
export class QueuedCampaignMail extends CampaignMail {
  constructor(
    private readonly em: EntityManager,
    private readonly mail: MailQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async send(m: CampaignMailMessage): Promise<void> {
    if (!m.userIds.length) return;
    const em = this.em.fork();
    const users = await em.execute<{ email: string; name: string }[]>(
      `select email, name from users where id = any(string_to_array(?, ',')::uuid[])`,
      [m.userIds.join(',')],
    );
    const link = `${this.config.publicUrl}/pemutakhiran`;
    for (const u of users) await this.mail.enqueue({ to: u.email, template: `refresh_${m.kind}`, ...campaignMail(m, u.name, link) }, em);
  }
}
