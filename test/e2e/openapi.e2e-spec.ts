import { TestApp } from '@app/testing';
import { schemaNameCollisions } from '../../apps/api/src/openapi';

/**
 * Walks the real app's OpenAPI spec: every operation (whoever adds it) must say what it does,
 * what it answers and which errors, and public ones must show no lock. Fails with the list of
 * what is missing, so a new endpoint without its decorators is caught here.
 */
type Schema = { $ref?: string; type?: string; properties?: object; items?: Schema; oneOf?: Schema[]; allOf?: Schema[]; anyOf?: Schema[] };
type Operation = {
  summary?: string;
  operationId?: string;
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
};
type Spec = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

describe('OpenAPI spec (e2e)', () => {
  let t: TestApp;
  let spec: Spec;
  const ops: { name: string; op: Operation }[] = [];
  beforeAll(async () => {
    t = await TestApp.start();
    spec = (await t.http().get('/api/docs-json').expect(200)).body;
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const method of METHODS) if (item[method]) ops.push({ name: `${method.toUpperCase()} ${path}`, op: item[method] });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const described = (s: Schema | undefined): boolean =>
    !!s && !!(s.$ref || s.type || s.properties || s.items || s.oneOf || s.allOf || s.anyOf);

  it('has operations to walk', () => {
    expect(ops.length).toBeGreaterThan(80);
  });

  it('every operation has a summary', () => {
    expect(ops.filter(({ op }) => !op.summary?.trim()).map((o) => o.name)).toEqual([]);
  });

  it('every operation documents a 2xx response body (204 only without one)', () => {
    const missing: string[] = [];
    for (const { name, op } of ops) {
      const ok = Object.entries(op.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
      if (!ok.length) {
        missing.push(`${name}: no 2xx response`);
        continue;
      }
      for (const [status, response] of ok) {
        if (status === '204') {
          if (response.content) missing.push(`${name}: 204 with a body`);
          continue;
        }
        const media = Object.entries(response.content ?? {});
        // File responses (calendar, exports, metrics) document their media type and a string schema.
        if (!media.length || media.some(([, m]) => !described(m.schema))) missing.push(`${name}: ${status} without a response schema`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every $ref resolves and every referenced schema has properties', () => {
    const refs = new Set<string>();
    JSON.stringify(spec, (key, value) => {
      if (key === '$ref' && typeof value === 'string') refs.add(value);
      return value;
    });
    const broken = [...refs].filter((r) => !spec.components.schemas[r.replace('#/components/schemas/', '')]);
    expect(broken).toEqual([]);
  });

  it('every operation documents its error responses with the error schema', () => {
    const missing: string[] = [];
    for (const { name, op } of ops) {
      const errors = Object.entries(op.responses).filter(([status]) => /^[45]\d\d$/.test(status));
      if (!errors.length) missing.push(`${name}: no error response`);
      for (const [status, r] of errors) {
        if (r.content?.['application/json']?.schema?.$ref !== '#/components/schemas/ErrorResponse')
          missing.push(`${name}: ${status} not ErrorResponse`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('public operations show no lock, the others a bearer lock', async () => {
    const anonymous: string[] = [];
    expect(ops.filter(({ op }) => !Array.isArray(op.security)).map((o) => o.name)).toEqual([]);
    for (const { name, op } of ops) if (op.security!.length === 0) anonymous.push(name);
    expect(anonymous).toEqual(
      expect.arrayContaining(['POST /api/auth/login', 'POST /api/auth/register', 'GET /api/health', 'GET /api/innovations']),
    );
    // Public in the spec means public for real: an anonymous call is not refused with 401.
    for (const name of ['GET /api/innovations', 'GET /api/health', 'GET /api/stats/replications']) {
      expect(anonymous).toContain(name);
      const res = await t.http().get(name.split(' ')[1]);
      expect(res.status).not.toBe(401);
    }
    expect(anonymous).not.toContain('GET /api/me');
  });

  it('no two DTO classes share a schema name', () => {
    expect(schemaNameCollisions(t.app)).toEqual([]);
  });

  it('describes the socket.io events and the collaboration socket', () => {
    const description = (spec as unknown as { info: { description: string } }).info.description;
    for (const word of [
      'thread:subscribe',
      'post:created',
      'notification',
      'playbook:access',
      '/collab/',
      '4401',
      '4403',
      '4413',
      '1013',
      'awareness',
    ]) {
      expect(description).toContain(word);
    }
  });
});
