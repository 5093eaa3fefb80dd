/// <reference lib="dom" />
// (page.evaluate callbacks run in the browser)
import type { Page } from 'playwright-core';
import { waitUntil } from '@app/testing';
import { apiAs, demo, DEMO_PASSWORD, editorOf, seriousViolations, signIn, type UserPage, webSuite } from './support';

/**
 * People and paperwork in Chromium: the profile (details, photo, verification, password),
 * email notification settings, a unit admin's invitations, attachments on a replication and on
 * a post, and an image inserted in the playbook editor that a second user sees.
 */
let replicationId: string;
let playbookId: string;
let makassar: UserPage;
let surabaya: UserPage;

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4f50000000049454e44ae426082',
  'hex',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(504, 1)]);
const MAX = 64 * 1024;
const web = webSuite({ MAIL_POLL_MS: '50', ATTACHMENT_MAX_BYTES: String(MAX) });

beforeAll(async () => {
  // A fresh replication: Dinkes Makassar (replicating) adopts a Surabaya innovation (origin).
  const api = await apiAs(web.app, demo('replikator.makassar'));
  const me = (await api.get('/api/me')).body as { memberships: { unitId: string }[] };
  const innovation = (await web.app.http().get('/api/innovations?q=lahir%20procot&limit=1')).body.items[0] as { id: string };
  const rep = await api.post(`/api/innovations/${innovation.id}/replications`, { replicatingUnitId: me.memberships[0].unitId });
  expect(rep.status).toBe(201);
  replicationId = rep.body.id as string;
  playbookId = rep.body.playbookId as string;
  makassar = await signIn(web.browser, web.app.baseUrl, demo('replikator.makassar'));
  surabaya = await signIn(web.browser, web.app.baseUrl, demo('inovator.surabaya'));
  web.track(makassar, surabaya);
}, 90_000);

/** Resolves once the `<img>` has loaded real pixels (it came through an authorised request). */
const loaded = (page: Page, selector: string) =>
  page.waitForFunction((sel) => {
    const img = document.querySelector<HTMLImageElement>(sel);
    return !!img && img.complete && img.naturalWidth > 0;
  }, selector);

const status = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text }).waitFor();
const alert = (page: Page, text: string) => page.getByRole('alert').filter({ hasText: text }).waitFor();

async function registerAndSignIn(name: string): Promise<{ email: string; user: UserPage }> {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${Date.now()}@contoh.go.id`;
  expect((await web.app.http().post('/api/auth/register').send({ email, password: DEMO_PASSWORD, name })).status).toBe(201);
  const user = await signIn(web.browser, web.app.baseUrl, email);
  web.track(user);
  return { email, user };
}

test('profile: edit name, position and phone, upload a photo shown on the page and in the header', async () => {
  const { page } = makassar;
  await page.getByRole('banner').getByRole('link', { name: 'Andi Nurhaliza (Dinkes Makassar, demo)' }).click();
  await page.waitForURL((u) => u.pathname === '/profil');
  await page.getByRole('heading', { name: 'Profil saya' }).waitFor();
  await page.getByLabel('Jabatan').fill('Kepala Seksi Pelayanan Kesehatan');
  await page.getByLabel('Telepon').fill('+62 411 123456');
  await page.getByRole('button', { name: 'Simpan profil' }).click();
  await status(page, 'Profil tersimpan');

  await page.getByLabel('Unggah foto').setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: PNG });
  await status(page, 'Foto profil diperbarui');
  await loaded(page, 'main img.avatar');
  await loaded(page, 'header img.avatar');
  expect(await page.locator('main img.avatar').getAttribute('src')).toMatch(/\/api\/attachments\/[0-9a-f-]{36}\/signed\?token=/);
  await page.getByText('Alamat email sudah terverifikasi').waitFor();
  expect(await seriousViolations(page)).toEqual([]);

  // Read back after a reload: what the server stored.
  await page.reload();
  expect(await page.getByLabel('Jabatan').inputValue()).toBe('Kepala Seksi Pelayanan Kesehatan');
  expect(await page.getByLabel('Telepon').inputValue()).toBe('+62 411 123456');
  const profile = (await (await apiAs(web.app, demo('replikator.makassar'))).get('/api/me/profile')).body;
  expect(profile).toMatchObject({ position: 'Kepala Seksi Pelayanan Kesehatan', phone: '+62 411 123456' });
  expect(profile.avatarAttachmentId).toMatch(/^[0-9a-f-]{36}$/);

  // A file that is not an image is refused with its own message.
  await page.getByLabel('Unggah foto').setInputFiles({ name: 'bukan-foto.pdf', mimeType: 'application/pdf', buffer: PDF });
  await alert(page, 'tidak diizinkan');
});

test('an unverified address: the profile says so and mails the verification link again', async () => {
  const { email, user } = await registerAndSignIn('Pegawai Belum Verifikasi');
  const { page } = user;
  await page.goto('/profil');
  await page.getByText('Alamat email belum terverifikasi').waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Kirim ulang email verifikasi' }).click();
  await status(page, 'sudah dikirim ulang');
  const admin = await apiAs(web.app, demo('admin'));
  await waitUntil(
    async () => {
      const res = await admin.get(`/api/admin/outbox?to=${encodeURIComponent(email)}`);
      const links = (res.body.items as { text: string }[]).filter((m) => m.text.includes('/verifikasi-email?token='));
      return links.length >= 2 ? links : undefined;
    },
    'a second verification mail',
    15_000,
  );
});

test('password change: this tab stays signed in, other sessions end, the new password works', async () => {
  const { email, user } = await registerAndSignIn('Pegawai Ganti Sandi');
  const other = await web.app.http().post('/api/auth/login').send({ email, password: DEMO_PASSWORD });
  expect(other.status).toBe(200);
  const { page } = user;
  await page.goto('/profil');
  await page.getByText('semua sesi lain').waitFor();
  await page.getByLabel('Kata sandi sekarang').fill('salah-sekali-123');
  await page.getByLabel('Kata sandi baru').fill('Sandi-Baru-2026!');
  await page.getByRole('button', { name: 'Ganti kata sandi' }).click();
  await alert(page, 'Kata sandi sekarang salah');
  await page.getByLabel('Kata sandi sekarang').fill(DEMO_PASSWORD);
  await page.getByLabel('Kata sandi baru').fill('Sandi-Baru-2026!');
  await page.getByRole('button', { name: 'Ganti kata sandi' }).click();
  await status(page, 'Sesi lain telah diakhiri');
  expect(await seriousViolations(page)).toEqual([]);

  expect((await web.app.http().post('/api/auth/refresh').send({ refreshToken: other.body.refreshToken })).status).toBe(401);
  expect((await web.app.http().post('/api/auth/login').send({ email, password: 'Sandi-Baru-2026!' })).status).toBe(200);
  // This tab holds the fresh session: a reload stays on the profile.
  await page.reload();
  await page.getByRole('heading', { name: 'Profil saya' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/profil');
});

test('notification settings: saved per type and read back', async () => {
  const { page } = makassar;
  await page.goto('/profil');
  const reply = page.getByLabel('Pengiriman email untuk Balasan baru di diskusi');
  const mention = page.getByLabel('Pengiriman email untuk Anda disebut dalam diskusi');
  await reply.selectOption({ label: 'Mati' });
  await mention.selectOption({ label: 'Ringkasan harian' });
  await page.getByRole('button', { name: 'Simpan pengaturan' }).click();
  await status(page, 'Pengaturan notifikasi tersimpan');
  expect(await seriousViolations(page)).toEqual([]);
  await page.reload();
  expect(await page.getByLabel('Pengiriman email untuk Balasan baru di diskusi').inputValue()).toBe('off');
  expect(await page.getByLabel('Pengiriman email untuk Anda disebut dalam diskusi').inputValue()).toBe('digest');
  const settings = (await (await apiAs(web.app, demo('replikator.makassar'))).get('/api/me/notification-settings')).body.items as {
    type: string;
    mode: string;
  }[];
  expect(settings.find((s) => s.type === 'reply')?.mode).toBe('off');
  expect(settings.find((s) => s.type === 'mention')?.mode).toBe('digest');
});

test('a unit admin invites by email with a role, sees it pending, revokes it', async () => {
  const { page } = surabaya;
  await page.goto('/profil');
  const email = `calon.${Date.now()}@surabaya.go.id`;
  await page.getByLabel('Email yang diundang').fill(email);
  await page.getByLabel('Peran di unit').selectOption('admin');
  await page.getByRole('button', { name: 'Kirim undangan' }).click();
  await status(page, `Undangan dikirim ke ${email}`);
  const pending = page.getByRole('list', { name: 'Undangan tertunda' });
  await pending.getByText(email).waitFor();
  await pending.getByText('Admin unit').waitFor();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('button', { name: `Cabut undangan untuk ${email}` }).click();
  await status(page, `Undangan untuk ${email} dicabut`);
  await page.getByText('Tidak ada undangan tertunda').waitFor();
  const api = await apiAs(web.app, demo('inovator.surabaya'));
  const unitId = ((await api.get('/api/me')).body as { memberships: { unitId: string; role: string }[] }).memberships.find(
    (m) => m.role === 'admin',
  )!.unitId;
  const list = (await api.get(`/api/units/${unitId}/invitations`)).body.items as { email: string; status: string }[];
  expect(list.find((i) => i.email === email)?.status).toBe('revoked');
});

test('attachments on a replication: upload, list, rename, delete; too large and refused types explained', async () => {
  const { page } = makassar;
  await page.goto(`/replikasi/${replicationId}`);
  const files = page.getByRole('list', { name: 'Daftar lampiran' });
  await page.getByLabel('Unggah berkas').setInputFiles({ name: 'PKS Makassar.pdf', mimeType: 'application/pdf', buffer: PDF });
  await status(page, 'PKS Makassar.pdf terunggah');
  const item = files.getByRole('listitem').filter({ hasText: 'PKS Makassar.pdf' });
  await item.getByText(`PDF · ${PDF.length} B · `).waitFor();
  await item.getByText((await apiAs(web.app, demo('replikator.makassar'))).user.name).waitFor();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Ganti nama PKS Makassar.pdf' }).click();
  await page.getByLabel('Nama baru untuk PKS Makassar.pdf').fill('Perjanjian Kerja Sama.pdf');
  await page.getByRole('button', { name: 'Simpan', exact: true }).click();
  await files.getByText('Perjanjian Kerja Sama.pdf').waitFor();

  await page.getByLabel('Unggah berkas').setInputFiles({ name: 'program.pdf', mimeType: 'application/pdf', buffer: ELF });
  await alert(page, 'program.pdf: Jenis berkas ini tidak diizinkan');
  const big = Buffer.concat([PDF, Buffer.alloc(MAX, 0x20)]);
  await page.getByLabel('Unggah berkas').setInputFiles({ name: 'besar.pdf', mimeType: 'application/pdf', buffer: big });
  await alert(page, 'besar.pdf: Berkas terlalu besar');

  // The origin team reads the file; another reader without edit rights gets no delete button.
  const listed = (await (await apiAs(web.app, demo('replikator.makassar'))).get(`/api/replications/${replicationId}/attachments`)).body
    .items;
  expect(listed.map((a: { name: string }) => a.name)).toEqual(['Perjanjian Kerja Sama.pdf']);
  const sleman = await signIn(web.browser, web.app.baseUrl, demo('replikator.sleman'));
  web.track(sleman);
  await sleman.page.goto(`/replikasi/${replicationId}`);
  await sleman.page.getByRole('button', { name: 'Unduh Perjanjian Kerja Sama.pdf' }).waitFor();
  expect(await sleman.page.getByRole('button', { name: 'Hapus Perjanjian Kerja Sama.pdf' }).count()).toBe(0);
  expect(await sleman.page.getByLabel('Unggah berkas').count()).toBe(0);

  await page.getByRole('button', { name: 'Hapus Perjanjian Kerja Sama.pdf' }).click();
  await status(page, 'Perjanjian Kerja Sama.pdf dihapus');
  await page.getByText('Belum ada lampiran').waitFor();
});

test('a file attached to a post shows under the post for another reader', async () => {
  const api = await apiAs(web.app, demo('replikator.makassar'));
  const thread = await api.post('/api/threads', { replicationId, title: 'Draf SOP layanan', body: 'Draf SOP terlampir.' });
  expect(thread.status).toBe(201);
  const { page } = makassar;
  await page.goto(`/diskusi/${thread.body.id}`);
  await page.getByLabel('Lampirkan berkas').setInputFiles({ name: 'SOP.pdf', mimeType: 'application/pdf', buffer: PDF });
  await status(page, 'SOP.pdf terunggah');
  const post = page.getByRole('article').filter({ hasText: 'Draf SOP terlampir.' });
  await post.getByRole('button', { name: 'Unduh SOP.pdf' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);

  await surabaya.page.goto(`/diskusi/${thread.body.id}`);
  const seen = surabaya.page.getByRole('article').filter({ hasText: 'Draf SOP terlampir.' });
  await seen.getByRole('button', { name: 'Unduh SOP.pdf' }).waitFor();
  expect(await seen.getByRole('button', { name: 'Hapus SOP.pdf' }).count()).toBe(0);
  expect(await seen.getByLabel('Lampirkan berkas').count()).toBe(0);
});

test('an image inserted in the playbook editor loads for a second user', async () => {
  const { page } = makassar;
  await page.goto(`/playbooks/${playbookId}`);
  await editorOf(page).click();
  await page.keyboard.press('Control+End');
  await page.getByLabel('Sisipkan gambar').setInputFiles({ name: 'alur-layanan.png', mimeType: 'image/png', buffer: PNG });
  await status(page, 'Gambar disisipkan');
  await loaded(page, '.editor-area img');
  await page.getByRole('status').filter({ hasText: 'Tersimpan' }).waitFor({ timeout: 20_000 });
  expect(await seriousViolations(page)).toEqual([]);

  await surabaya.page.goto(`/playbooks/${playbookId}`);
  await loaded(surabaya.page, '.editor-area img');
  const img = surabaya.page.locator('.editor-area img');
  expect(await img.getAttribute('alt')).toBe('alur-layanan');
  expect(await img.getAttribute('src')).toMatch(/\/api\/attachments\/[0-9a-f-]{36}\/signed\?token=/);
  // The playbook's file list has it too.
  await surabaya.page.getByRole('button', { name: 'Unduh alur-layanan.png' }).waitFor();
});
