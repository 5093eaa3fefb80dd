import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '@app/common';
import { DEFAULT_EMAIL_MODES, EmailMode } from './email-preferences';
import { EmailSettingsDto, UnsubscribedDto } from './email-settings.dto';
import { NOTIFICATION_TYPES, NotificationType } from './notifications.service';

/** Per-user, per-type email delivery choices, and the signed unsubscribe links. */
@Injectable()
export class EmailSettingsService {
  constructor(
    private readonly em: EntityManager,
    private readonly jwt: JwtService,
  ) {}

  async list(userId: string): Promise<EmailSettingsDto> {
    const rows = await this.em.execute<{ type: string; mode: EmailMode }[]>(
      'select type, mode from notification_email_prefs where user_id = ?',
      [userId],
    );
    const chosen = new Map(rows.map((r) => [r.type, r.mode]));
    return {
      items: NOTIFICATION_TYPES.map((type) => ({
        type,
        mode: chosen.get(type) ?? DEFAULT_EMAIL_MODES[type],
        default: DEFAULT_EMAIL_MODES[type],
      })),
    };
  }

  async update(userId: string, items: { type: string; mode: string }[]): Promise<EmailSettingsDto> {
    for (const item of items) await this.set(userId, item.type as NotificationType, item.mode as EmailMode);
    return this.list(userId);
  }

  async unsubscribe(token: string): Promise<UnsubscribedDto> {
    let payload: { sub?: unknown; typ?: unknown; nt?: unknown };
    try {
      payload = this.jwt.verify(token, { algorithms: ['HS256'] });
    } catch {
      throw new AppError('TOKEN_INVALID', 'This unsubscribe link is invalid');
    }
    if (payload.typ !== 'unsubscribe' || typeof payload.sub !== 'string' || !NOTIFICATION_TYPES.includes(payload.nt as NotificationType)) {
      throw new AppError('TOKEN_INVALID', 'This unsubscribe link is invalid');
    }
    const [user] = await this.em.execute('select id from users where id = ?', [payload.sub]);
    if (!user) throw new AppError('TOKEN_INVALID', 'This unsubscribe link is invalid');
    await this.set(payload.sub, payload.nt as NotificationType, 'off');
    return { type: payload.nt as string, mode: 'off' };
  }

  private async set(userId: string, type: NotificationType, mode: EmailMode): Promise<void> {
    await this.em.execute(
      'insert into notification_email_prefs (user_id, type, mode) values (?, ?, ?) on conflict (user_id, type) do update set mode = excluded.mode',
      [userId, type, mode],
    );
  }
}
