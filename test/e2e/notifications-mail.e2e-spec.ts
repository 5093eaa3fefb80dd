import { buildApp } from '../../apps/api/src/bootstrap';
import { MailQueue } from '../../apps/api/src/modules/mail/mail-queue.service';
import { NotificationDigest } from '../../apps/api/src/modules/notifications/notification-digest.service';
import { loadConfig } from '@app/common';
import { TestApp, TestUser, waitUntil } from '@app/testing';
import { castMentoring, MentoringFixtures } from './mentoring-fixtures';
import { TestSmtp } from './mail.support';

describe('notifications by mail (real SMTP server)', () => {
  let smtp: TestSmtp;
  let t: TestApp;

  beforeAll(async () => {
    smtp = await TestSmtp.start();
    t = await TestApp.start({ SMTP_URL: smtp.url, MAIL_POLL_MS: '50' });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  async function thread(author: TestUser, innovationId: string, body = 'Pembuka') {
    return (
      await t
        .http()
        .post('/api/threads')
        .set('authorization', author.auth)
        .send({ innovationId, title: t.uniq('Diskusi '), body })
        .expect(201)
    ).body;
  }
  const feed = async (u: TestUser, type: string) =>
    (await t.http().get('/api/notifications').set('authorization', u.auth).expect(200)).body.items.filter(
      (n: { type: string }) => n.type === type,
    );

  it('a mention mails at once with a one-click unsubscribe; after unsubscribing that type no mention mail comes, the feed still has it', async () => {
    const unit = await t.unit();
    const innovation = await t.innovation(unit.id);
    const [author, target] = await Promise.all([t.user({ name: 'Penulis' }), t.user({ name: 'Rina Target' })]);
    const th = await thread(author, innovation.id);
    await t
      .http()
      .post(`/api/threads/${th.id}/posts`)
      .set('authorization', author.auth)
      .send({ body: `Mohon pendapat @[Rina](${target.id})` })
      .expect(201);
    const mail = await smtp.waitFor(target.email, /Penulis menyebut Anda/);
    expect(mail.text).toContain(`/diskusi/${th.id}`);
    const header = (key: string) => mail.headerLines.find((h) => h.key === key)?.line ?? '';
    const unsubscribe = /<([^>]+)>/.exec(header('list-unsubscribe'))![1];
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

    // One click, as a mail client does it (RFC 8058): a POST to the link.
    const url = new URL(unsubscribe);
    const done = await t.http().post(`${url.pathname}${url.search}`).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect(done.body).toEqual({ type: 'mention', mode: 'off' });
    const settings = await t.http().get('/api/me/notification-settings').set('authorization', target.auth).expect(200);
    expect(settings.body.items.find((s: { type: string }) => s.type === 'mention')).toEqual({
      type: 'mention',
      mode: 'off',
      default: 'immediate',
    });

    await t
      .http()
      .post(`/api/threads/${th.id}/posts`)
      .set('authorization', author.auth)
      .send({ body: `Sekali lagi @[Rina](${target.id})` })
      .expect(201);
    await waitUntil(async () => (await feed(target, 'mention')).length === 2, 'second mention in the feed');
    // A later mail to the same person arrives; the mention mail before it never did.
    await t.http().post('/api/auth/password-reset').send({ email: target.email }).expect(202);
    await smtp.waitFor(target.email, /Atur ulang kata sandi/);
    expect(smtp.to(target.email).filter((m) => /menyebut Anda/.test(m.subject ?? ''))).toHaveLength(1);
  });

  it('replies wait for the daily digest; the digest mails them once and the browser unsubscribe link works', async () => {
    const unit = await t.unit();
    const innovation = await t.innovation(unit.id);
    const [asker, replier] = await Promise.all([t.user({ name: 'Penanya' }), t.user({ name: 'Penjawab' })]);
    const th = await thread(asker, innovation.id);
    const first = (await t.http().get(`/api/threads/${th.id}/posts`).set('authorization', asker.auth).expect(200)).body.items[0];
    await t
      .http()
      .post(`/api/threads/${th.id}/posts`)
      .set('authorization', replier.auth)
      .send({ body: 'Jawaban pertama', parentId: first.id })
      .expect(201);
    await t
      .http()
      .post(`/api/threads/${th.id}/posts`)
      .set('authorization', replier.auth)
      .send({ body: 'Jawaban kedua', parentId: first.id })
      .expect(201);
    const pendingFor = async (id: string) =>
      (await t.em().execute<{ n: number }[]>('select count(*)::int as n from notifications where user_id = ? and digest_pending', [id]))[0]
        .n;
    await waitUntil(async () => (await pendingFor(asker.id)) === 2, 'two replies marked for the digest');
    expect(smtp.to(asker.email)).toHaveLength(0);

    expect(await t.get<NotificationDigest>(NotificationDigest).run()).toBeGreaterThanOrEqual(1);
    const digest = await smtp.waitFor(asker.email, /Ringkasan harian: 2 pemberitahuan/);
    expect(digest.text).toContain('Penjawab membalas tulisan Anda');
    // Taken once: a second run has nothing for this user.
    await t.get<NotificationDigest>(NotificationDigest).run();
    const link = /Berhenti menerima email jenis reply: (\S+)/.exec(digest.text ?? '')![1];
    const page = await t
      .http()
      .get(new URL(link).pathname + new URL(link).search)
      .expect(200);
    expect(page.text).toContain('reply');
    await t
      .http()
      .post(`/api/threads/${th.id}/posts`)
      .set('authorization', replier.auth)
      .send({ body: 'Jawaban ketiga', parentId: first.id })
      .expect(201);
    await waitUntil(async () => (await feed(asker, 'reply')).length === 3, 'third reply in the feed');
    // Unsubscribed from replies: the third one is in the feed but never marked for a digest.
    await t.get<NotificationDigest>(NotificationDigest).run();
    expect(await pendingFor(asker.id)).toBe(0);
    expect(smtp.to(asker.email).filter((m) => /Ringkasan/.test(m.subject ?? ''))).toHaveLength(1);
  });

  it('the digest runs once a day on one node only', async () => {
    const digest = t.get<NotificationDigest>(NotificationDigest);
    const at = new Date('2031-05-05T23:00:00Z');
    expect(await digest.tick(at)).toBe(true);
    expect(await digest.tick(at)).toBe(false);
  });

  it('rejects forged or malformed unsubscribe tokens with 400', async () => {
    expect((await t.http().post('/api/notifications/unsubscribe?token=abc.def.ghi').expect(400)).body.code).toBe('TOKEN_INVALID');
    const access = (await t.user()).token; // a valid access token is no unsubscribe token
    expect((await t.http().get(`/api/notifications/unsubscribe?token=${access}`).expect(400)).body.code).toBe('TOKEN_INVALID');
    expect((await t.http().post('/api/notifications/unsubscribe').expect(400)).body.code).toBe('VALIDATION_FAILED');
    const u = await t.user();
    const bad = await t
      .http()
      .put('/api/me/notification-settings')
      .set('authorization', u.auth)
      .send({ items: [{ type: 'mention', mode: 'loud' }] })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const ok = await t
      .http()
      .put('/api/me/notification-settings')
      .set('authorization', u.auth)
      .send({ items: [{ type: 'reply', mode: 'immediate' }] })
      .expect(200);
    expect(ok.body.items.find((s: { type: string }) => s.type === 'reply').mode).toBe('immediate');
  });

  it('a new thread on an innovation notifies its origin unit and its followers, not the author; unfollowing stops it', async () => {
    const unit = await t.unit();
    const innovation = await t.innovation(unit.id);
    const [member, follower, author, stranger] = await Promise.all([
      t.user({ units: [[unit.id, 'member']] }),
      t.user(),
      t.user({ name: 'Pembuka Diskusi' }),
      t.user(),
    ]);
    await t
      .http()
      .put(`/api/innovations/${innovation.id}/follow`)
      .set('authorization', follower.auth)
      .expect(200, { innovationId: innovation.id, following: true });
    await t.http().put(`/api/innovations/${innovation.id}/follow`).set('authorization', follower.auth).expect(200);
    await t.http().put(`/api/innovations/00000000-0000-4000-8000-000000000000/follow`).set('authorization', follower.auth).expect(404);
    const th = await thread(author, innovation.id);
    await waitUntil(
      async () => (await feed(member, 'new_thread')).length === 1 && (await feed(follower, 'new_thread')).length === 1,
      'new-thread notices',
    );
    expect((await feed(member, 'new_thread'))[0].payload).toMatchObject({
      threadId: th.id,
      innovationId: innovation.id,
      by: { name: 'Pembuka Diskusi' },
    });
    expect(await feed(author, 'new_thread')).toHaveLength(0);
    expect(await feed(stranger, 'new_thread')).toHaveLength(0);
    await t
      .http()
      .delete(`/api/innovations/${innovation.id}/follow`)
      .set('authorization', follower.auth)
      .expect(200, { innovationId: innovation.id, following: false });
    await thread(author, innovation.id);
    await waitUntil(async () => (await feed(member, 'new_thread')).length === 2, 'second notice to the member');
    expect(await feed(follower, 'new_thread')).toHaveLength(1);
  });

  it('a scheduled mentoring session mails its participants at once with the .ics attached', async () => {
    const c = await castMentoring(t);
    const m = await new MentoringFixtures(t, c).mentorship('ACTIVE');
    await t
      .http()
      .post(`/api/mentorships/${m.id}/sessions`)
      .set('authorization', c.mentor.auth)
      .send({ scheduledAt: '2031-03-02T02:00:00.000Z', mode: 'online', agenda: 'Kick-off' })
      .expect(201);
    const mail = await smtp.waitFor(c.repMember.email, /Sesi pendampingan dijadwalkan/);
    const ics = mail.attachments.find((a) => a.filename?.endsWith('.ics'));
    expect(ics?.content.toString()).toContain('BEGIN:VEVENT');
    expect(ics?.contentType).toBe('text/calendar');
  });

  it('with two nodes on one database every mail is sent exactly once', async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: t.databaseUrl,
      JWT_SECRET: 'test-secret-test-secret-test-secret',
      SMTP_URL: smtp.url,
      MAIL_POLL_MS: '20',
      NODE_ID: 'node-b',
    });
    const { app: second } = await buildApp(config, { databaseUrl: t.databaseUrl, jwtSecret: config.jwtSecret! });
    try {
      const queues = [t.get<MailQueue>(MailQueue), second.get(MailQueue)];
      const to = `${t.uniq('massal')}@test.jippnas.id`;
      await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          queues[i % 2].enqueue({ to, template: 'test', subject: `Uji ${i}`, text: `isi ${i}`, html: `<p>isi ${i}</p>` }),
        ),
      );
      await waitUntil(
        async () => {
          const [{ n }] = await t
            .em()
            .execute<{ n: number }[]>(`select count(*)::int as n from mail_queue where to_address = ? and status = 'sent'`, [to]);
          return n === 60;
        },
        'all 60 mails sent',
        20000,
      );
      const subjects = smtp.to(to).map((m) => m.subject);
      expect(subjects).toHaveLength(60);
      expect(new Set(subjects).size).toBe(60);
      const nodes = await t.em().execute<{ sent_by: string }[]>('select distinct sent_by from mail_queue where to_address = ?', [to]);
      expect(nodes.length).toBeGreaterThanOrEqual(1);
    } finally {
      await second.close();
    }
  });
});
