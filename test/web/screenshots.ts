import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { TestApp } from '@app/testing';
import { apiAs, demo, editorOf, launchBrowser, signIn, startWebApp } from './support';

/**
 * Regenerates docs/screenshots/: every screen of the client at desktop (1280 px) and phone
 * (375 px) width, on the demo data. `npm run screenshots`.
 */
const OUT = join(__dirname, '../../docs/screenshots');
const SIZES = { desktop: { width: 1280, height: 860 }, phone: { width: 375, height: 780 } } as const;

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  app = await startWebApp();
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

test('screenshots of every screen', async () => {
  const curator = await apiAs(app, demo('kurator'));
  const makassar = await apiAs(app, demo('replikator.makassar'));
  const mine = (await makassar.get(`/api/replications?unitId=${(await makassar.get('/api/me')).body.memberships[0].unitId}`)).body
    .items as { id: string; stage: string; playbookId: string }[];
  const rep = mine.find((r) => r.stage === 'PROPOSED') ?? mine[0];
  // A stage change gives the notification screen something to show.
  if (rep.stage === 'PROPOSED')
    await curator.post(`/api/replications/${rep.id}/transitions`, { to: 'AGREED', note: 'Disetujui unit asal; mulai persiapan.' });
  const innovation = (await makassar.get('/api/innovations?q=klampid&limit=1')).body.items[0] as { id: string };

  for (const [size, viewport] of Object.entries(SIZES)) {
    const anon = await browser.newContext({ viewport, locale: 'id-ID', baseURL: app.baseUrl });
    const p0 = await anon.newPage();
    await p0.goto('/masuk');
    await p0.getByRole('button', { name: 'Masuk' }).waitFor();
    await p0.screenshot({ path: join(OUT, `masuk-${size}.png`) });
    await anon.close();

    const { context, page } = await signIn(browser, app.baseUrl, demo('replikator.makassar'), viewport);
    const shot = async (name: string, path: string, ready: () => Promise<unknown>) => {
      await page.goto(path);
      await ready();
      await page.screenshot({ path: join(OUT, `${name}-${size}.png`), fullPage: size === 'phone' ? false : true });
    };
    await shot('beranda', '/', () =>
      page
        .getByRole('heading', { name: /Playbook saya/ })
        .waitFor()
        .then(() => page.waitForLoadState('networkidle')),
    );
    await shot('katalog', '/katalog?q=adminduk', () =>
      page
        .getByRole('heading', { name: /^\d+ inovasi$/ })
        .waitFor()
        .then(() => page.waitForLoadState('networkidle')),
    );
    await shot('inovasi', `/inovasi/${innovation.id}`, () =>
      page
        .getByRole('heading', { name: 'Rincian' })
        .waitFor()
        .then(() => page.waitForLoadState('networkidle')),
    );
    await shot('replikasi', `/replikasi/${rep.id}`, () =>
      page
        .getByRole('heading', { name: 'Riwayat tahap' })
        .waitFor()
        .then(() => page.waitForLoadState('networkidle')),
    );
    await shot('playbook', `/playbooks/${rep.playbookId}`, () =>
      editorOf(page)
        .waitFor()
        .then(() =>
          page
            .getByRole('status')
            .filter({ hasText: 'Tersimpan' })
            .first()
            .waitFor({ timeout: 5000 })
            .catch(() => undefined),
        ),
    );
    await shot('notifikasi', '/notifikasi', () =>
      page
        .getByRole('heading', { name: 'Notifikasi' })
        .waitFor()
        .then(() => page.waitForLoadState('networkidle')),
    );
    await context.close();
  }
}, 180_000);
