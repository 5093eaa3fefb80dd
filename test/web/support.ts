import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { TestApp } from '@app/testing';
import { DemoService } from '../../apps/api/src/modules/demo/demo.service';
import { DEMO_PASSWORD } from '../../apps/api/src/modules/demo/demo.context';

export { DEMO_PASSWORD };
export const demo = (who: string) => `${who}@demo.jippnas.id`;

/** Debian's Chromium, with the launch arguments that work on these machines (STACK.md). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The real app (serving the built client from dist/web) on a fresh database with the demo data. */
export async function startWebApp(env: Record<string, string> = {}): Promise<TestApp> {
  const t = await TestApp.start(env);
  await t.app.get(DemoService).seedIfEmpty();
  return t;
}

export interface UserPage {
  context: BrowserContext;
  page: Page;
  /** Browser console errors and failed requests, to show when a step times out. */
  problems: string[];
}

/** One browser context per signed-in user, signed in through the real form. */
export async function signIn(browser: Browser, baseUrl: string, email: string, viewport = { width: 1280, height: 900 }): Promise<UserPage> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport, locale: 'id-ID' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  await page.goto('/masuk');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL((u) => u.pathname === '/');
  return { context, page, problems };
}

/**
 * Runs axe (its default rule set: WCAG 2.x A/AA and best practices, experimental rules off) on
 * the page as it is now; returns the serious and critical violations (expected: none).
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}

/** The playbook editor's text, read through its accessible name. */
export function editorOf(page: Page) {
  return page.getByRole('textbox', { name: 'Isi playbook' });
}

/** Calls the API as a demo user (fixtures and checks the screens do not cover). */
export async function apiAs(app: TestApp, email: string) {
  const res = await app.http().post('/api/auth/login').send({ email, password: DEMO_PASSWORD });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
  const auth = `Bearer ${res.body.accessToken as string}`;
  return {
    user: res.body.user as { id: string; name: string },
    get: (path: string) => app.http().get(path).set('authorization', auth),
    post: (path: string, body?: object) => app.http().post(path).set('authorization', auth).send(body),
    patch: (path: string, body: object) => app.http().patch(path).set('authorization', auth).send(body),
    put: (path: string, body: object) => app.http().put(path).set('authorization', auth).send(body),
    delete: (path: string) => app.http().delete(path).set('authorization', auth),
  };
}

export interface WebSuite {
  /** The app under test (set before the spec's own beforeAll hooks run). */
  readonly app: TestApp;
  readonly browser: Browser;
  /** Signs a demo user in (`who` before @demo.jippnas.id); the page closes with the suite. */
  as(who: string, viewport?: { width: number; height: number }): Promise<UserPage>;
  /** Closes `u` with the suite (pages opened with signIn or newContext directly). */
  track(...u: UserPage[]): void;
}

/**
 * One app (settings `env`) and one Chromium per spec file, and every signed-in page closed after
 * it. Call at the top of the spec, before its own beforeAll hooks (jest runs them in order).
 */
export function webSuite(env: Record<string, string> = {}): WebSuite {
  const opened: UserPage[] = [];
  let app: TestApp | undefined;
  let browser: Browser | undefined;
  const suite: WebSuite = {
    get app() {
      if (!app) throw new Error('webSuite: the app is not started yet');
      return app;
    },
    get browser() {
      if (!browser) throw new Error('webSuite: the browser is not launched yet');
      return browser;
    },
    async as(who, viewport) {
      const u = await signIn(suite.browser, suite.app.baseUrl, demo(who), viewport);
      opened.push(u);
      return u;
    },
    track: (...u) => void opened.push(...u),
  };
  beforeAll(async () => {
    app = await startWebApp(env);
    browser = await launchBrowser();
  }, 90_000);
  afterAll(async () => {
    for (const u of opened) await u.context.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });
  return suite;
}
