import { waitUntil } from '@app/testing';
import { apiAs, demo, DEMO_PASSWORD, seriousViolations, webSuite } from './support';

/**
 * The screens mails link to, driven from the mail itself (the outbox, as with no SMTP_URL):
 * a forgotten password, an email verification and an invitation for someone with no account.
 */
const web = webSuite({ MAIL_POLL_MS: '50' });

/** The link of the newest mail to `to` whose link goes to `path`, as the admin reads the outbox. */
async function mailedLink(to: string, path: string): Promise<string> {
  const admin = await apiAs(web.app, demo('admin'));
  return waitUntil(
    async () => {
      const res = await admin.get(`/api/admin/outbox?to=${encodeURIComponent(to)}`);
      for (const m of res.body.items as { text: string }[]) {
        const found = new RegExp(`https?://[^\\s]*${path}\\?token=[^\\s]+`).exec(m.text);
        if (found) return new URL(found[0]).pathname + new URL(found[0]).search;
      }
      return undefined;
    },
    `a mail to ${to} linking ${path}`,
    15_000,
  );
}

async function newPage() {
  const context = await web.browser.newContext({ baseURL: web.app.baseUrl, locale: 'id-ID', viewport: { width: 375, height: 800 } });
  return { context, page: await context.newPage() };
}

test('a forgotten password: ask on the sign-in page, follow the mailed link once, sign in with the new password', async () => {
  const email = 'replikator.sleman@demo.jippnas.id';
  const { context, page } = await newPage();
  await page.goto('/masuk');
  await page.getByRole('link', { name: 'Lupa kata sandi?' }).click();
  await page.getByLabel('Email').fill(email);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Kirim tautan' }).click();
  await page.getByRole('status').filter({ hasText: 'tautan sudah dikirim' }).waitFor();

  const link = await mailedLink(email, '/atur-ulang-sandi');
  await page.goto(link);
  await page.getByLabel('Kata sandi baru').fill('Sandi-Baru-2026!');
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Simpan kata sandi' }).click();
  await page.getByRole('status').filter({ hasText: 'Kata sandi sudah diganti' }).waitFor();
  expect((await web.app.http().post('/api/auth/login').send({ email, password: 'Sandi-Baru-2026!' })).status).toBe(200);
  expect((await web.app.http().post('/api/auth/login').send({ email, password: DEMO_PASSWORD })).status).toBe(401);

  // The link works once.
  await page.goto(link);
  await page.getByLabel('Kata sandi baru').fill('Sandi-Lain-2026!');
  await page.getByRole('button', { name: 'Simpan kata sandi' }).click();
  await page.getByRole('alert').filter({ hasText: 'sudah dipakai atau kedaluwarsa' }).waitFor();
  await context.close();
});

test('email verification from the mailed link', async () => {
  const email = `baru.${Date.now()}@contoh.go.id`;
  expect((await web.app.http().post('/api/auth/register').send({ email, password: 'Kolaborasi2026!', name: 'Pegawai Baru' })).status).toBe(
    201,
  );
  const { context, page } = await newPage();
  await page.goto(await mailedLink(email, '/verifikasi-email'));
  await page.getByRole('status').filter({ hasText: 'sudah terverifikasi' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  const login = await web.app.http().post('/api/auth/login').send({ email, password: 'Kolaborasi2026!' });
  expect(login.body.user.emailVerified).toBe(true);
  await context.close();
});

test('an invitation for someone with no account: the link creates it, joins the unit and signs in', async () => {
  const unitAdmin = await apiAs(web.app, demo('inovator.surabaya'));
  const unitId = ((await unitAdmin.get('/api/me')).body as { memberships: { unitId: string }[] }).memberships[0].unitId;
  const email = `undangan.${Date.now()}@surabaya.go.id`;
  expect((await unitAdmin.post(`/api/units/${unitId}/invitations`, { email, role: 'member' })).status).toBe(201);

  const { context, page } = await newPage();
  await page.goto(await mailedLink(email, '/undangan'));
  await page.getByLabel('Nama').fill('Staf Undangan');
  await page.getByLabel('Kata sandi').fill('Kolaborasi2026!');
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Terima undangan' }).click();
  await page.waitForURL((u) => u.pathname === '/');
  const me = await apiAs(web.app, email);
  expect(((await me.get('/api/me')).body as { memberships: { unitId: string; role: string }[] }).memberships).toEqual([
    expect.objectContaining({ unitId, role: 'member' }),
  ]);
  await context.close();
});
