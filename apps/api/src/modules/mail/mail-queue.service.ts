import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { orderBySql } from '@app/common';
import type { OUTBOX_SORTS } from './mail.dto';
import type { RenderedMail } from './mail-templates';

export interface MailAttachment {
  filename: string;
  contentType: string;
  /** Text content (calendar files, CSV). */
  content: string;
}

export interface OutgoingMail extends RenderedMail {
  to: string;
  /** Which template produced it (for the outbox and the logs). */
  template: string;
  headers?: Record<string, string>;
  attachments?: MailAttachment[];
}

export interface QueuedMailRow {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  headers: Record<string, string>;
  attachments: MailAttachment[];
  template: string;
  status: 'queued' | 'sending' | 'sent' | 'failed' | 'outbox';
  attempts: number;
  next_attempt_at: Date;
  sent_at: Date | null;
  sent_by: string | null;
  last_error: string | null;
  created_at: Date;
}

/** After the last try, a mail stays `failed` (visible in the outbox list). */
export const MAIL_MAX_ATTEMPTS = 6;
/** Seconds to wait before try n+1: 30 s, 2 min, 8 min, 32 min, 2 h. */
export const mailBackoffSeconds = (attempts: number) => Math.min(30 * 4 ** (attempts - 1), 7200);

/** `sort=` keys of the outbox list (admin: newest first by default). */
const OUTBOX_ORDER: Record<(typeof OUTBOX_SORTS)[number], string> = { created: 'created_at', to: 'to_address', status: 'status' };

/**
 * The mail queue in PostgreSQL. Enqueueing is one insert (inside the caller's transaction when
 * given), so a request never waits on SMTP; claiming uses `for update skip locked`, so several
 * nodes drain the same queue and each mail is taken by one of them.
 */
@Injectable()
export class MailQueue extends EventEmitter {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async enqueue(mail: OutgoingMail, em: EntityManager = this.em.fork()): Promise<string> {
    const id = randomUUID();
    await em.execute(
      `insert into mail_queue (id, to_address, subject, text_body, html_body, headers, attachments, template) values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)`,
      [
        id,
        mail.to,
        mail.subject,
        mail.text,
        mail.html,
        JSON.stringify(mail.headers ?? {}),
        JSON.stringify(mail.attachments ?? []),
        mail.template,
      ],
    );
    // The worker of this node starts at once; those of other nodes find it on their next poll.
    // Inside a transaction the row is not visible yet: the next poll (or the commit's kick) takes it.
    this.emit('enqueued');
    return id;
  }

  /** Takes up to `limit` due mails for this node; each stays locked for `lockSeconds` while it is sent. */
  async claim(limit: number, lockSeconds = 120): Promise<QueuedMailRow[]> {
    return this.em
      .fork()
      .getConnection()
      .execute<QueuedMailRow[]>(
        `with due as (
         select id from mail_queue
          where status in ('queued','sending') and next_attempt_at <= now() and (locked_until is null or locked_until < now())
          order by next_attempt_at, created_at
          limit ? for update skip locked)
       update mail_queue m set status = 'sending', attempts = m.attempts + 1, locked_until = now() + make_interval(secs => ?)
         from due where m.id = due.id
       returning m.*`,
        [limit, lockSeconds],
      );
  }

  async markSent(id: string, nodeId: string, status: 'sent' | 'outbox'): Promise<void> {
    await this.em
      .fork()
      .getConnection()
      .execute(`update mail_queue set status = ?, sent_at = now(), sent_by = ?, locked_until = null, last_error = null where id = ?`, [
        status,
        nodeId,
        id,
      ]);
  }

  async markFailed(row: QueuedMailRow, error: string): Promise<void> {
    const final = row.attempts >= MAIL_MAX_ATTEMPTS;
    await this.em
      .fork()
      .getConnection()
      .execute(
        `update mail_queue set status = ?, locked_until = null, last_error = ?, next_attempt_at = now() + make_interval(secs => ?) where id = ?`,
        [final ? 'failed' : 'queued', error.slice(0, 1000), mailBackoffSeconds(row.attempts), row.id],
      );
  }

  async list(opts: {
    limit: number;
    offset: number;
    to?: string;
    status?: string;
    sort?: string;
  }): Promise<{ items: QueuedMailRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (opts.to) (where.push('to_address = ?'), params.push(opts.to.toLowerCase()));
    if (opts.status) (where.push('status = ?'), params.push(opts.status));
    const w = where.length ? `where ${where.join(' and ')}` : '';
    const conn = this.em.fork().getConnection();
    const [items, [{ n }]] = await Promise.all([
      conn.execute<QueuedMailRow[]>(
        `select * from mail_queue ${w} order by ${orderBySql(opts.sort, '-created', OUTBOX_ORDER, 'id')} limit ? offset ?`,
        [...params, opts.limit, opts.offset],
      ),
      conn.execute<{ n: number }[]>(`select count(*)::int as n from mail_queue ${w}`, params),
    ]);
    return { items, total: n };
  }
}
