import type { AddressInfo } from 'node:net';
import { simpleParser, ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { waitUntil } from '@app/testing';

/** A real SMTP server on a free local port that keeps every mail it receives, parsed. */
export class TestSmtp {
  readonly mails: ParsedMail[] = [];
  private server!: SMTPServer;

  static async start(): Promise<TestSmtp> {
    const t = new TestSmtp();
    t.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => {
            t.mails.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => t.server.listen(0, '127.0.0.1', resolve));
    return t;
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  to(address: string): ParsedMail[] {
    return this.mails.filter((m) => addresses(m).includes(address.toLowerCase()));
  }

  /** The first mail to `address` whose subject matches, once it has arrived. */
  async waitFor(address: string, subject: RegExp, timeoutMs = 8000): Promise<ParsedMail> {
    return waitUntil(() => this.to(address).find((m) => subject.test(m.subject ?? '')), `mail "${subject}" to ${address}`, timeoutMs);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function addresses(m: ParsedMail): string[] {
  const to = Array.isArray(m.to) ? m.to : m.to ? [m.to] : [];
  return to.flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()));
}

/** The token of the first link in a mail's text that goes to `path` (e.g. `/atur-ulang-sandi`). */
export function linkToken(mail: ParsedMail, path: string): string {
  const link = (mail.text ?? '').match(/https?:\/\/\S+/g)?.find((l) => new URL(l).pathname === path);
  if (!link) throw new Error(`no ${path} link in mail "${mail.subject}": ${mail.text}`);
  const token = new URL(link).searchParams.get('token');
  if (!token) throw new Error(`link without token: ${link}`);
  return token;
}
