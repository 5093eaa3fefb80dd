import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestApp } from '@app/testing';
import { API_ROUTES } from '../../apps/web/src/api/routes';

/**
 * The API serving the web client: SPA fallback outside the server's prefixes, cache headers,
 * CSP; and every REST call the client makes exists in the OpenAPI spec.
 */
let app: TestApp;
let dir: string;
const INDEX =
  '<!doctype html><html lang="id"><body><div id="root"></div><script type="module" src="/assets/index-abc123.js"></script></body></html>';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'web-dist-'));
  mkdirSync(join(dir, 'assets'));
  mkdirSync(join(dir, '.vite'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets/index-abc123.js'), 'console.log(1)');
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dir, '.vite/manifest.json'), '{}');
  process.env.WEB_DIST_DIR = dir;
  app = await TestApp.start();
});
afterAll(async () => {
  await app?.close();
  delete process.env.WEB_DIST_DIR;
  rmSync(dir, { recursive: true, force: true });
});

describe('serving the client', () => {
  test.each(['/', '/masuk', '/katalog?q=adminduk', '/inovasi/3f1c', '/playbooks/x/y', '/notifikasi', '/apix', '/collabs'])(
    'GET %s answers index.html, never cached, with the client CSP',
    async (path) => {
      const res = await app.http().get(path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toBe(INDEX);
      expect(res.headers['cache-control']).toBe('no-cache');
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    },
  );

  test('hashed assets are cached for a year; other files for an hour', async () => {
    const js = await app.http().get('/assets/index-abc123.js');
    expect(js.status).toBe(200);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.headers['content-type']).toMatch(/javascript/);
    const icon = await app.http().get('/favicon.svg');
    expect(icon.headers['cache-control']).toBe('public, max-age=3600');
  });

  test('a missing asset is a JSON 404, never the page (a stale tab must not parse HTML as script)', async () => {
    const res = await app.http().get('/assets/index-old999.js');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  test.each(['/api/nope', '/api/innovations/x/y/z', '/collab/abc', '/socket.io/nope', '/metrics/x'])(
    'GET %s stays the server’s: JSON error shape, no page',
    async (path) => {
      const res = await app.http().get(path);
      expect(res.headers['content-type'] ?? '').not.toMatch(/text\/html/);
      expect(res.status).toBeGreaterThanOrEqual(400);
    },
  );

  test('unknown /api paths answer the contract’s error shape', async () => {
    const res = await app.http().get('/api/tidak-ada');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: expect.any(String) });
  });

  test('/metrics is not the page (it answers 401/403 without a token)', async () => {
    const res = await app.http().get('/metrics');
    expect([401, 403]).toContain(res.status);
  });

  test('other methods outside /api are not the page', async () => {
    const res = await app.http().post('/katalog').send({});
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });

  test('HEAD / answers like GET without a body', async () => {
    const res = await app.http().head('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
  });
});

/**
 * Contract endpoints that other open issues add (playbooks-meet-real-editors): the client already
 * calls them and degrades while they are missing. Once a server has them they are checked too.
 */
const PENDING = new Set(['myPlaybooks', 'playbookSchema', 'version', 'versionDiff']);

test('every path and method the web client calls exists in /api/docs-json', async () => {
  const spec = (await app.http().get('/api/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
  const missing = Object.entries(API_ROUTES)
    .filter(([name, [method, path]]) => !spec.paths[path]?.[method.toLowerCase()] && !PENDING.has(name))
    .map(([name, [method, path]]) => `${name}: ${method} ${path}`);
  expect(missing).toEqual([]);
});
