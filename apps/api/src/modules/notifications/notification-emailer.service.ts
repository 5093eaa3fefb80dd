import { Inject, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { APP_CONFIG } from '@app/common';
import type { AppConfig } from '@app/common';
import type { PlatformRole } from '@app/database';
import { MailQueue, notificationMail } from '../mail';
import type { MailAttachment } from '../mail';
import { DEFAULT_EMAIL_MODES, EmailMode, notificationPath } from './email-preferences';
import type { NotificationType } from './notifications.service';

export interface StoredNotification {
  id: string;
  userId: string;
  type: NotificationType;
  payload: Record<string, unknown>;
}

interface Recipient {
  id: string;
  email: string;
  name: string;
  roles: PlatformRole[];
  verified: boolean;
}

/**
 * Turns stored notifications into mail, per user and type: `immediate` queues a mail now,
 * `digest` marks the notification for the daily digest, `off` sends nothing (the feed keeps it).
 * Only confirmed addresses get mail. Every mail carries a one-click unsubscribe link for its type.
 */
@Injectable()
export class NotificationEmailer {
  private readonly log = new Logger('NotificationMail');

  constructor(
    private readonly em: EntityManager,
    private readonly mail: MailQueue,
    private readonly jwt: JwtService,
    private readonly moduleRef: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The modes of these users for one type (their choice, else the default). */
  async modes(userIds: string[], type: NotificationType, em: EntityManager = this.em.fork()): Promise<Map<string, EmailMode>> {
    const rows = await em.execute<{ user_id: string; mode: EmailMode }[]>(
      'select user_id, mode from notification_email_prefs where type = ? and user_id = any(?::uuid[])',
      [type, `{${userIds.join(',')}}`],
    );
    const chosen = new Map(rows.map((r) => [r.user_id, r.mode]));
    return new Map(userIds.map((id) => [id, chosen.get(id) ?? DEFAULT_EMAIL_MODES[type] ?? 'off']));
  }

  async deliver(items: StoredNotification[]): Promise<void> {
    if (!items.length) return;
    const em = this.em.fork();
    const type = items[0].type;
    const userIds = [...new Set(items.map((i) => i.userId))];
    const modes = await this.modes(userIds, type, em);
    const users = await em.execute<Recipient[]>(
      'select id, email, name, roles, email_verified_at is not null as verified from users where id = any(?::uuid[])',
      [`{${userIds.join(',')}}`],
    );
    const byId = new Map(users.map((u) => [u.id, u]));
    const digest: string[] = [];
    for (const item of items) {
      const user = byId.get(item.userId);
      if (!user?.verified) continue;
      const mode = modes.get(item.userId);
      if (mode === 'digest') digest.push(item.id);
      if (mode !== 'immediate') continue;
      const unsubscribe = this.unsubscribeLink(user.id, item.type);
      const rendered = notificationMail({
        name: user.name,
        type: item.type,
        payload: item.payload,
        link: `${this.config.publicUrl}${notificationPath(item.payload)}`,
        unsubscribeLink: unsubscribe,
      });
      await this.mail.enqueue({
        to: user.email,
        template: `notification:${item.type}`,
        ...rendered,
        headers: this.unsubscribeHeaders(unsubscribe),
        attachments: await this.attachmentsFor(item, user),
      });
    }
    if (digest.length)
      await em.execute('update notifications set digest_pending = true where id = any(?::uuid[])', [`{${digest.join(',')}}`]);
  }

  /** A signed link that turns off mail of one type for one user, without signing in. */
  unsubscribeLink(userId: string, type: string): string {
    const token = this.jwt.sign({ sub: userId, typ: 'unsubscribe', nt: type }, { expiresIn: '3650d' });
    return `${this.config.publicUrl}/api/notifications/unsubscribe?token=${token}`;
  }

  /** RFC 8058 one-click unsubscribe, so mail clients show their own button. */
  unsubscribeHeaders(link: string): Record<string, string> {
    return { 'List-Unsubscribe': `<${link}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
  }

  /** Session invitations and changes carry the calendar entry. */
  private async attachmentsFor(item: StoredNotification, user: Recipient): Promise<MailAttachment[]> {
    if (item.type !== 'session_scheduled' && item.type !== 'session_changed') return [];
    const mentorshipId = item.payload.mentorshipId;
    const sessionId = (item.payload.session as { id?: unknown } | undefined)?.id;
    if (typeof mentorshipId !== 'string' || typeof sessionId !== 'string') return [];
    try {
      // Loaded at use: the mentoring module depends on notifications, and a static import would
      // make a cycle that leaves constructor parameter types undefined while modules load.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { MentoringSessionsService } = require('../mentoring') as typeof import('../mentoring');
      const sessions = this.moduleRef.get(MentoringSessionsService, { strict: false });
      const asUser: AuthUser = { id: user.id, email: user.email, name: user.name, roles: user.roles };
      const ics = await sessions.ics(asUser, mentorshipId, sessionId);
      return [{ filename: ics.filename, contentType: 'text/calendar; charset=utf-8; method=REQUEST', content: ics.body }];
    } catch (error) {
      this.log.warn(`no calendar file for session ${sessionId}: ${(error as Error).message}`);
      return [];
    }
  }
}
