import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '@app/testing';
import { apiAs, demo, launchBrowser, signIn, startWebApp } from './part2.support';

/**
 * The part-2 screens at desktop (1280 px) and phone (375 px) width on the demo data, into
 * docs/screenshots/ beside part 1's (`npm run screenshots` runs both).
 */
const OUT = join(__dirname, '../../docs/screenshots');
const SIZES = { desktop: { width: 1280, height: 860 }, phone: { width: 375, height: 780 } } as const;

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  app = await startWebApp();
  browser = await launchBrowser();
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

test('screenshots of the part-2 screens', async () => {
  const team = await apiAs(app, demo('replikator.makassar'));
  const innovation = (await team.get('/api/innovations?q=klampid&limit=1')).body.items[0] as { id: string };
  const threads = (await team.get(`/api/threads?innovationId=${innovation.id}`)).body.items as { id: string }[];
  const threadId =
    threads[0]?.id ??
    (await team.post('/api/threads', { innovationId: innovation.id, title: 'Pertanyaan replikasi', body: 'Apa langkah pertama?' })).body.id;
  // One hidden post with its reason, seen by its author.
  const bad = await team.post(`/api/threads/${threadId}/posts`, { body: 'Tautan promosi yang tidak relevan.' });
  const moderator = await apiAs(app, demo('moderator'));
  await moderator.post(`/api/posts/${bad.body.id}/hide`, { reason: 'Promosi tidak diperbolehkan.' });
  await (await apiAs(app, demo('replikator.sleman'))).post(`/api/posts/${bad.body.id}/flags`, { reason: 'spam' });
  const me = (await team.get('/api/me')).body as { memberships: { unitId: string }[] };
  const mentorships = (await team.get(`/api/mentorships?unitId=${me.memberships[0].unitId}`)).body.items as { id: string; state: string }[];
  const mentorship = mentorships.find((m) => m.state === 'ACTIVE') ?? mentorships[0];

  const settle = (page: Page) => page.waitForLoadState('networkidle');
  for (const [size, viewport] of Object.entries(SIZES)) {
    const shoot = async (who: string, shots: [name: string, path: string, ready: (p: Page) => Promise<unknown>][]) => {
      const { context, page } = await signIn(browser, app.baseUrl, demo(who), viewport);
      for (const [name, path, ready] of shots) {
        await page.goto(path);
        await ready(page);
        await settle(page);
        await page.screenshot({ path: join(OUT, `${name}-${size}.png`), fullPage: size === 'desktop' });
      }
      await context.close();
    };
    await shoot('replikator.makassar', [
      ['diskusi', `/diskusi/${threadId}`, (p) => p.getByRole('heading', { name: 'Tulis tanggapan' }).waitFor()],
      ['diskusi-daftar', `/diskusi?inovasi=${innovation.id}`, (p) => p.getByRole('heading', { name: 'Mulai diskusi baru' }).waitFor()],
      ['pendampingan', `/pendampingan/${mentorship.id}`, (p) => p.getByRole('heading', { name: 'Sesi', exact: true }).waitFor()],
      ['pendampingan-dasbor', '/pendampingan/dasbor', (p) => p.getByRole('heading', { name: /Dasbor pendampingan:/ }).waitFor()],
    ]);
    await shoot('moderator', [
      ['moderasi', '/moderasi', (p) => p.getByRole('tab', { name: 'Antrean laporan' }).waitFor()],
      [
        'moderasi-audit',
        '/moderasi',
        (p) =>
          p
            .getByRole('tab', { name: 'Log audit' })
            .click()
            .then(() => p.getByRole('table').waitFor()),
      ],
    ]);
    await shoot('kurator', [
      ['kurator', '/kurator', (p) => p.getByRole('heading', { name: 'Inovasi baru' }).waitFor()],
      ['kurator-impor', '/kurator?tab=import', (p) => p.getByRole('button', { name: 'Impor', exact: true }).waitFor()],
      ['kurator-statistik', '/kurator?tab=stats', (p) => p.getByRole('img', { name: 'Replikasi menurut tahap' }).waitFor()],
      ['pendampingan-nasional', '/pendampingan/nasional', (p) => p.getByRole('img', { name: 'Menurut status' }).waitFor()],
    ]);
    await shoot('admin', [['admin', '/admin', (p) => p.getByLabel('Cari instansi atau unit').waitFor()]]);
  }
}, 300_000);
