import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { APP_CONFIG } from '@app/common';
import type { AppConfig } from '@app/common';
import { MailQueue, QueuedMailRow } from './mail-queue.service';

const BATCH = 10;

/**
 * Drains the mail queue on this node: through SMTP when `SMTP_URL` is set, else into the outbox
 * (the row stays readable at GET /api/admin/outbox, and one log line says what would be sent).
 * Never runs inside a request.
 */
@Injectable()
export class MailWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Mail');
  private transport?: Transporter;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private readonly onEnqueued = () => this.kick();

  constructor(
    private readonly queue: MailQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    // Timeouts well inside the claim's 2-minute lock, so no other node takes a mail still being sent.
    if (this.config.smtpUrl)
      this.transport = nodemailer.createTransport({
        url: this.config.smtpUrl,
        connectionTimeout: 30_000,
        greetingTimeout: 30_000,
        socketTimeout: 60_000,
      } as never);
    this.queue.on('enqueued', this.onEnqueued);
    // Polling finds retries that came due and mails queued by other nodes or inside transactions.
    this.timer = setInterval(() => this.kick(), this.config.mailPollMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.queue.off('enqueued', this.onEnqueued);
    clearInterval(this.timer);
    await this.running;
    this.transport?.close();
  }

  /** Starts a drain, or asks the running one to look again when it ends. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((e: Error) => this.log.warn(`mail queue: ${e.message}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          setImmediate(() => this.kick());
        }
      });
  }

  /** Sends every due mail, a batch at a time; resolves when none is left. */
  async drain(): Promise<void> {
    while (!this.stopped) {
      const batch = await this.queue.claim(BATCH);
      if (!batch.length) return;
      for (const row of batch) await this.deliver(row);
    }
  }

  private async deliver(row: QueuedMailRow): Promise<void> {
    if (!this.transport) {
      this.log.log(`outbox: to=${row.to_address} template=${row.template} subject="${row.subject}" ${firstLink(row.text_body)}`);
      await this.queue.markSent(row.id, this.config.nodeId, 'outbox');
      return;
    }
    try {
      await this.transport.sendMail({
        from: this.config.mailFrom,
        to: row.to_address,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body,
        headers: row.headers,
        attachments: row.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
      });
      await this.queue.markSent(row.id, this.config.nodeId, 'sent');
    } catch (error) {
      this.log.warn(`mail ${row.id} to ${row.to_address} failed (try ${row.attempts}): ${(error as Error).message}`);
      await this.queue.markFailed(row, (error as Error).message);
    }
  }
}

function firstLink(text: string): string {
  const m = /https?:\/\/\S+/.exec(text);
  return m ? `link=${m[0]}` : '';
}
