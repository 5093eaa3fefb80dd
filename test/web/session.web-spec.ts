/// <reference lib="dom" />
// (page.evaluate callbacks run in the browser)
import type { Page } from 'playwright-core';
import { apiAs, demo, editorOf, signIn, webSuite } from './support';

/**
 * A 5-second ACCESS_TOKEN_TTL: the client renews (rotating refresh tokens) again and again while
 * the user types in the editor, and nothing typed is lost; live events keep arriving.
 */
const web = webSuite({ ACCESS_TOKEN_TTL: '5' });

const accessToken = (page: Page) =>
  page.evaluate(() => (JSON.parse(localStorage.getItem('jk.session') ?? '{}') as { accessToken?: string }).accessToken ?? '');
const textOf = (page: Page) => editorOf(page).evaluate((el) => el.textContent ?? '');

test('typing across several token renewals loses nothing; the page never asks to sign in again', async () => {
  const api = await apiAs(web.app, demo('replikator.makassar'));
  const unitId = ((await api.get('/api/me')).body as { memberships: { unitId: string }[] }).memberships[0].unitId;
  const innovation = (await web.app.http().get('/api/innovations?q=lahir%20procot&limit=1')).body.items[0] as { id: string; title: string };
  const rep = await api.post(`/api/innovations/${innovation.id}/replications`, { replicatingUnitId: unitId });
  expect(rep.status).toBe(201);

  const a = await signIn(web.browser, web.app.baseUrl, demo('replikator.makassar'));
  web.track(a);
  await a.page.goto(`/playbooks/${rep.body.playbookId as string}`);
  const editor = editorOf(a.page);
  await editor.waitFor();
  await a.page.getByText('Persiapan', { exact: true }).first().waitFor();
  await editor.click();
  await a.page.keyboard.press('Control+End');

  const words = ['satu', 'dua', 'tiga', 'empat'];
  for (const w of words) {
    const before = await accessToken(a.page);
    await a.page.keyboard.type(` kata-${w}`, { delay: 15 });
    // The wait is on the renewal itself: the token the page holds changes.
    await a.page.waitForFunction(
      (old) => (JSON.parse(localStorage.getItem('jk.session') ?? '{}') as { accessToken?: string }).accessToken !== old,
      before,
      { timeout: 20_000 },
    );
  }
  await a.page.keyboard.type(' kata-akhir', { delay: 15 });
  expect(await a.page.getByRole('button', { name: 'Masuk kembali' }).count()).toBe(0);

  // Everything reached the server: another user opening the playbook now reads every word.
  const b = await signIn(web.browser, web.app.baseUrl, demo('inovator.surabaya'));
  web.track(b);
  await b.page.goto(`/playbooks/${rep.body.playbookId as string}`);
  await editorOf(b.page).waitFor();
  await b.page.waitForFunction(
    (expected) => expected.every((w) => document.querySelector('[aria-label="Isi playbook"]')?.textContent?.includes(w)),
    [...words, 'akhir'].map((w) => `kata-${w}`),
    { timeout: 20_000 },
  );
  expect(await textOf(a.page)).toContain('kata-akhir');

  // The realtime socket came back after each expiry: a stage change still arrives live.
  const curator = await apiAs(web.app, demo('kurator'));
  expect((await curator.post(`/api/replications/${rep.body.id as string}/transitions`, { to: 'AGREED', note: 'Lanjut' })).status).toBe(200);
  await a.page
    .getByText(new RegExp(`Notifikasi baru: Tahap replikasi berubah: ${innovation.title} → Disetujui`))
    .waitFor({ state: 'attached', timeout: 20_000 });
}, 120_000);
