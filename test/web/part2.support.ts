import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { TestApp } from '@app/testing';
import { DemoService } from '../../apps/api/src/modules/demo/demo.service';
import { DEMO_PASSWORD } from '../../apps/api/src/modules/demo/demo.context';

/**
 * Browser-test helpers for the part-2 screens: the same shape as part 1's test/web/support.ts
 * (Debian's Chromium, the real app on a fresh database with the demo data, one context per
 * signed-in user, axe), kept in their own file until the two are merged into one.
 */
export { DEMO_PASSWORD };
export const demo = (who: string) => `${who}@demo.jippnas.id`;
export const PHONE = { width: 375, height: 780 };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function startWebApp(env: Record<string, string> = {}): Promise<TestApp> {
  const t = await TestApp.start(env);
  await t.app.get(DemoService).seedIfEmpty();
  return t;
}

export interface UserPage {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

export async function signIn(browser: Browser, baseUrl: string, email: string, viewport = { width: 1280, height: 900 }): Promise<UserPage> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport, locale: 'id-ID', acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto('/masuk');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL((u) => u.pathname === '/');
  return { context, page, problems };
}

/** axe's default rules (WCAG 2.x A/AA, best practices); the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

export async function apiAs(app: TestApp, email: string) {
  const res = await app.http().post('/api/auth/login').send({ email, password: DEMO_PASSWORD });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
  const auth = `Bearer ${res.body.accessToken as string}`;
  return {
    user: res.body.user as { id: string; name: string },
    auth,
    get: (path: string) => app.http().get(path).set('authorization', auth),
    post: (path: string, body?: object) => app.http().post(path).set('authorization', auth).send(body),
    put: (path: string, body?: object) => app.http().put(path).set('authorization', auth).send(body),
    patch: (path: string, body: object) => app.http().patch(path).set('authorization', auth).send(body),
  };
}
