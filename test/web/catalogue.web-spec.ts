/// <reference lib="dom" />
// (page.evaluate callbacks run in the browser)
import { demo, seriousViolations, webSuite } from './support';

/** Sign-in, catalogue, innovation, replication and notifications in Chromium against the real app. */
const web = webSuite();
const as = web.as;

test('sign in with the demo account, reach Beranda, sign out; wrong password is refused with a message', async () => {
  const context = await web.browser.newContext({ baseURL: web.app.baseUrl });
  const page = await context.newPage();
  await page.goto('/');
  await page.waitForURL(/\/masuk\?kembali=/); // signed out: sent to sign in first
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByLabel('Email').fill(demo('replikator.makassar'));
  await page.getByLabel('Kata sandi').fill('salah-sekali');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByRole('alert').filter({ hasText: 'Email atau kata sandi salah.' }).waitFor();
  await page.goto('/daftar');
  await page.getByLabel('Nama lengkap').waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();

  const { page: home } = await as('replikator.makassar');
  await home.getByRole('heading', { name: /Selamat datang, Andi Nurhaliza/ }).waitFor();
  await home.getByRole('heading', { name: 'Playbook saya' }).waitFor();
  await home.waitForLoadState('networkidle');
  expect(await seriousViolations(home)).toEqual([]);
  const stored = await home.evaluate(() => JSON.parse(localStorage.getItem('jk.session') ?? 'null') as { refreshToken: string });

  await home.getByRole('button', { name: 'Keluar' }).click();
  await home.waitForURL((u) => u.pathname === '/masuk');
  // Signing out ended the session on the server too: its refresh token no longer works.
  expect((await web.app.http().post('/api/auth/refresh').send({ refreshToken: stored.refreshToken })).status).toBe(401);
}, 60_000);

test('search as you type with a typo finds the innovation; facets filter; the innovation page shows its details', async () => {
  const { page } = await as('replikator.makassar');
  await page.goto('/katalog');
  await page.getByLabel('Cari inovasi').fill('klampit');
  await page.getByRole('link', { name: 'Klampid New Generation' }).waitFor();
  await page.waitForURL(/q=klampit/);
  expect(await seriousViolations(page)).toEqual([]);

  // Paging: the whole catalogue is more than one page.
  await page.getByLabel('Cari inovasi').fill('');
  await page.waitForURL((u) => !u.searchParams.has('q'));
  await page.getByText(/^Halaman 1 dari \d+$/).waitFor();
  const firstOnPage1 = await page.locator('.innovation-card h3').first().innerText();
  await page.getByRole('button', { name: 'Berikutnya' }).click();
  await page.waitForURL(/hal=2/);
  await page.getByText(/^Halaman 2 dari \d+$/).waitFor();
  await page.waitForFunction((first) => document.querySelector('.innovation-card h3')?.textContent !== first, firstOnPage1);

  await page.getByLabel('Cari inovasi').fill('adminduk');
  await page.getByRole('link', { name: 'Lahir Procot Pulang Bawa Akta' }).waitFor();
  await page.getByRole('group', { name: 'Tahun' }).getByRole('checkbox', { name: /2023/ }).check();
  await page.waitForURL(/year=2023/);
  await page.getByRole('heading', { name: '1 inovasi' }).waitFor();

  await page.getByRole('link', { name: 'Klampid New Generation' }).click();
  await page.getByRole('heading', { level: 1, name: 'Klampid New Generation' }).waitFor();
  await page.getByText('Penghargaan: KIPP Top 45 2023', { exact: true }).waitFor();
  await page.getByRole('heading', { name: 'Menurut tahap' }).waitFor();
  await page.waitForLoadState('networkidle');
  expect(await seriousViolations(page)).toEqual([]);
}, 60_000);

test('propose a replication; the origin unit moves its stage with a note; the proposer is notified live', async () => {
  const makassar = await as('replikator.makassar');
  const surabaya = await as('inovator.surabaya');
  const target = (await web.app.http().get('/api/innovations?q=lahir%20procot&limit=1')).body.items[0] as { id: string; title: string };

  const p = makassar.page;
  await p.goto(`/inovasi/${target.id}`);
  await p.getByRole('button', { name: 'Replikasi inovasi ini' }).click();
  await p.getByLabel('Model replikasi').selectOption('kerja_sama');
  await p.getByRole('button', { name: 'Ajukan' }).click();
  await p.waitForURL(/\/replikasi\/[0-9a-f-]{36}$/);
  const replicationId = p.url().split('/').pop()!;
  await p.getByRole('heading', { name: 'Riwayat tahap' }).waitFor();
  await p.getByText('Kerja sama').waitFor();
  await p.waitForLoadState('networkidle');
  expect(await seriousViolations(p)).toEqual([]);

  // The proposer may not agree to their own proposal: the server says no, the screen says why.
  await p.getByRole('button', { name: 'Pindah ke Disetujui' }).click();
  await p.getByRole('alert').filter({ hasText: 'Anda tidak memiliki akses' }).waitFor();

  const s = surabaya.page;
  await s.goto(`/replikasi/${replicationId}`);
  await s.getByLabel('Catatan (opsional)').fill('Silakan mulai persiapan bersama tim kami.');
  await s.getByRole('button', { name: 'Pindah ke Disetujui' }).click();
  await s.getByRole('status').filter({ hasText: 'Tahap diperbarui menjadi Disetujui.' }).waitFor();
  await s.getByText('Silakan mulai persiapan bersama tim kami.').waitFor();

  // Live, without reloading: the announcement and the bell's count on the proposer's open page.
  await p.getByText(new RegExp(`Notifikasi baru: Tahap replikasi berubah: ${target.title} → Disetujui`)).waitFor({ state: 'attached' });
  const bell = p.getByRole('button', { name: 'Notifikasi' });
  await p.waitForFunction(() => Number(document.querySelector('[data-testid=unread-count]')?.getAttribute('data-count')) > 0);

  await bell.click();
  await p.waitForURL((u) => u.pathname === '/notifikasi');
  const item = p.getByRole('link', { name: `Tahap replikasi berubah: ${target.title} → Disetujui` });
  await item.waitFor();
  expect(await seriousViolations(p)).toEqual([]);
  await p.getByRole('button', { name: 'Tandai semua dibaca' }).click();
  await p.waitForFunction(() => document.querySelector('[data-testid=unread-count]')?.getAttribute('data-count') === '0');
  await item.click();
  await p.waitForURL((u) => u.pathname === `/replikasi/${replicationId}`);
  await p.getByText('Silakan mulai persiapan bersama tim kami.').waitFor();
}, 90_000);

test('at phone width, the catalogue, notifications, home and an unknown path have no serious accessibility violation', async () => {
  const { page } = await as('moderator', { width: 375, height: 780 });
  for (const path of ['/tidak-ada', '/katalog?q=ambulan', '/notifikasi', '/']) {
    await page.goto(path);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.waitForLoadState('networkidle');
    expect({ path, violations: await seriousViolations(page) }).toEqual({ path, violations: [] });
  }
}, 60_000);
