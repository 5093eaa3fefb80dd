import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { APP_CONFIG, every } from '@app/common';
import type { AppConfig } from '@app/common';
import { digestMail, MailQueue } from '../mail';
import { NotificationEmailer } from './notification-emailer.service';

/**
 * The daily digest: at DIGEST_HOUR_UTC one node (whichever records the day first) mails every
 * user the notifications marked for it since their last digest. Taking the marks and queueing
 * the mails happen in one transaction, so a notification is in exactly one digest.
 */
@Injectable()
export class NotificationDigest implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Digest');
  private stop?: () => void;

  constructor(
    private readonly em: EntityManager,
    private readonly mail: MailQueue,
    private readonly emailer: NotificationEmailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.stop = every(
      60_000,
      () => this.tick(),
      (e) => this.log.warn(`digest: ${e.message}`),
    );
  }

  onApplicationShutdown(): void {
    this.stop?.();
  }

  /** Runs today's digest once the hour has come, unless a node already did. */
  async tick(now = new Date()): Promise<boolean> {
    if (now.getUTCHours() < this.config.digestHourUtc) return false;
    const day = now.toISOString().slice(0, 10);
    const won = await this.em
      .fork()
      .execute<{ day: string }[]>('insert into notification_digest_runs (day, node) values (?, ?) on conflict do nothing returning day', [
        day,
        this.config.nodeId,
      ]);
    if (!won.length) return false;
    await this.run();
    return true;
  }

  /** Mails every pending digest now; returns how many mails were queued. */
  async run(): Promise<number> {
    return this.em.fork().transactional(async (tx) => {
      const rows = await tx.execute<
        { user_id: string; type: string; payload: Record<string, unknown>; created_at: Date; email: string; name: string }[]
      >(
        `update notifications n set digest_pending = false from users u
          where n.digest_pending and u.id = n.user_id
          returning n.user_id, n.type, n.payload, n.created_at, u.email, u.name`,
      );
      const byUser = new Map<string, typeof rows>();
      for (const r of rows) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r]);
      for (const [userId, items] of byUser) {
        items.sort((a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime());
        const types = [...new Set(items.map((i) => i.type))];
        const unsubscribeLinks = types.map((type) => ({ type, url: this.emailer.unsubscribeLink(userId, type) }));
        const rendered = digestMail({
          name: items[0].name,
          items: items.map((i) => ({ type: i.type, payload: i.payload, createdAt: new Date(i.created_at) })),
          link: `${this.config.publicUrl}/notifikasi`,
          unsubscribeLinks,
        });
        const headers = types.length === 1 ? this.emailer.unsubscribeHeaders(unsubscribeLinks[0].url) : {};
        await this.mail.enqueue({ to: items[0].email, template: 'digest', ...rendered, headers }, tx);
      }
      return byUser.size;
    });
  }
}
