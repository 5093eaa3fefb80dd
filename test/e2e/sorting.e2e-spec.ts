import { randomUUID } from 'node:crypto';
import { TestApp, TestUser } from '@app/testing';

/**
 * `sort=` on every list that takes it (CONTRACT: a key, `-` for descending, unknown → 400).
 * Each case writes a few rows whose order differs by key, names the ascending order per key,
 * and checks: every key the OpenAPI spec documents is covered, ascending and descending orders,
 * the documented default, and 400 VALIDATION_FAILED for an unknown value.
 */
type Orders = Record<string, string[]>;

interface ListCase {
  name: string;
  /** OpenAPI path of the operation. */
  op: string;
  /** Request path with its filters (without sort). */
  url: string;
  auth: string;
  /** Fixture label → row id. */
  ids: Record<string, string>;
  /** Key → labels in ascending order. */
  orders: Orders;
  /** The id of each item in the body, in order (default: `items[].id`). */
  idsOf?: (body: { items: Record<string, string>[] }) => string[];
}

const HOUR = 3_600_000;
const BASE = Date.UTC(2025, 0, 6);
/** The n-th time of a fixture: later n, later time. */
const at = (n: number) => new Date(BASE + n * HOUR).toISOString();

describe('sort= on paged lists (e2e)', () => {
  let t: TestApp;
  let admin: TestUser;
  let curator: TestUser;
  let spec: { paths: Record<string, { get: { parameters?: { name: string; schema?: { enum?: string[]; default?: string } }[] } }> };
  const cases: ListCase[] = [];
  const sql = (q: string, params: unknown[] = []) => t.em().getConnection().execute(q, params);
  const word = () => `zq${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.user({ roles: ['admin'] });
    curator = await t.user({ roles: ['curator'] });
    spec = (await t.http().get('/api/docs-json').expect(200)).body;

    // Agencies: four rows, since four keys need four distinct orders (none the reverse of another).
    {
      const w = word();
      const rows = {
        A: { name: `Alpha ${w}`, created: 3, kind: 'city', region: '33.74' },
        B: { name: `Bravo ${w}`, created: 1, kind: 'regency', region: '73' },
        C: { name: `Charlie ${w}`, created: 4, kind: 'ministry', region: '52' },
        D: { name: `Delta ${w}`, created: 2, kind: 'province', region: '11' },
      };
      const ids: Record<string, string> = {};
      for (const [label, r] of Object.entries(rows)) {
        ids[label] = randomUUID();
        await sql('insert into agencies (id, name, kind, region_code, created_at) values (?, ?, ?, ?, ?)', [
          ids[label],
          r.name,
          r.kind,
          r.region,
          at(r.created),
        ]);
      }
      cases.push({
        name: 'agencies',
        op: '/api/agencies',
        url: `/api/agencies?q=${w}`,
        auth: admin.auth,
        ids,
        orders: { name: ['A', 'B', 'C', 'D'], created: ['B', 'D', 'A', 'C'], kind: ['A', 'C', 'D', 'B'], region: ['D', 'A', 'C', 'B'] },
      });
    }

    // Units: two per agency, so `agency` (agency then unit name) differs from `name`.
    {
      const w = word();
      const [aaa, bbb] = [randomUUID(), randomUUID()];
      await sql(`insert into agencies (id, name, kind) values (?, ?, 'city'), (?, ?, 'city')`, [aaa, `Aaa ${w}`, bbb, `Bbb ${w}`]);
      const rows = {
        A: { agency: aaa, name: `Dinas C ${w}`, created: 2 },
        B: { agency: bbb, name: `Dinas A ${w}`, created: 3 },
        C: { agency: aaa, name: `Dinas B ${w}`, created: 4 },
        D: { agency: bbb, name: `Dinas D ${w}`, created: 1 },
      };
      const ids: Record<string, string> = {};
      for (const [label, r] of Object.entries(rows)) {
        ids[label] = randomUUID();
        await sql('insert into units (id, agency_id, name, created_at) values (?, ?, ?, ?)', [ids[label], r.agency, r.name, at(r.created)]);
      }
      cases.push({
        name: 'units',
        op: '/api/units',
        url: `/api/units?q=${w}`,
        auth: admin.auth,
        ids,
        orders: { agency: ['C', 'A', 'B', 'D'], name: ['B', 'C', 'A', 'D'], created: ['D', 'A', 'B', 'C'] },
      });
    }

    // People directory: names starting with the searched word come first under `relevance`.
    {
      const w = word();
      const rows = { A: [`${w} Zaenal`, 4], B: [`Budi ${w}`, 1], C: [`Ahmad ${w}`, 3], D: [`${w} Agus`, 2] } as const;
      const ids: Record<string, string> = {};
      for (const [label, [name, created]] of Object.entries(rows)) {
        ids[label] = (await t.user({ name })).id;
        await sql('update users set created_at = ? where id = ?', [at(created), ids[label]]);
      }
      cases.push({
        name: 'people directory',
        op: '/api/users',
        url: `/api/users?q=${w}&limit=50`,
        auth: admin.auth,
        ids,
        orders: { relevance: ['D', 'A', 'C', 'B'], name: ['C', 'B', 'D', 'A'], created: ['B', 'D', 'C', 'A'] },
      });
    }

    // Notifications of one user.
    {
      const reader = await t.user();
      const rows = { A: ['reply', 3], B: ['mention', 1], C: ['stage_change', 2] } as const;
      const ids: Record<string, string> = {};
      for (const [label, [type, created]] of Object.entries(rows)) {
        ids[label] = randomUUID();
        await sql('insert into notifications (id, user_id, type, created_at) values (?, ?, ?, ?)', [
          ids[label],
          reader.id,
          type,
          at(created),
        ]);
      }
      cases.push({
        name: 'notifications',
        op: '/api/notifications',
        url: '/api/notifications',
        auth: reader.auth,
        ids,
        orders: { created: ['B', 'C', 'A'], type: ['B', 'A', 'C'] },
      });
    }

    // Outbox: terminal statuses only, so the mail worker leaves the rows alone.
    {
      const rows = { A: ['b@sort.test', 'failed', 3], B: ['c@sort.test', 'outbox', 1], C: ['a@sort.test', 'sent', 2] } as const;
      const ids: Record<string, string> = {};
      for (const [label, [to, status, created]] of Object.entries(rows)) {
        ids[label] = randomUUID();
        await sql(
          `insert into mail_queue (id, to_address, subject, text_body, html_body, template, status, created_at)
           values (?, ?, 'Subjek', 'teks', '<p>teks</p>', 'test', ?, ?)`,
          [ids[label], to, status, at(created)],
        );
      }
      cases.push({
        name: 'outbox',
        op: '/api/admin/outbox',
        url: '/api/admin/outbox?limit=200',
        auth: admin.auth,
        ids,
        orders: { created: ['B', 'C', 'A'], to: ['C', 'A', 'B'], status: ['A', 'B', 'C'] },
      });
    }

    // Mentorships of one origin unit (one per replication: a replication has one open mentorship at most).
    {
      const origin = await t.unit();
      const rows = { A: ['ACTIVE', 1, 3], B: ['COMPLETED', 2, 1], C: ['PROPOSED', 3, 2] } as const;
      const ids: Record<string, string> = {};
      for (const [label, [state, created, updated]] of Object.entries(rows)) {
        const { replication } = await t.replication({ originUnitId: origin.id, replicatingUnitId: (await t.unit()).id });
        ids[label] = randomUUID();
        await sql(
          `insert into mentorships (id, replication_id, state, proposed_by_side, created_at, updated_at) values (?, ?, ?, 'staff', ?, ?)`,
          [ids[label], replication.id, state, at(created), at(updated)],
        );
      }
      cases.push({
        name: 'mentorships',
        op: '/api/mentorships',
        url: `/api/mentorships?unitId=${origin.id}`,
        auth: admin.auth,
        ids,
        orders: { created: ['A', 'B', 'C'], updated: ['B', 'C', 'A'], state: ['C', 'A', 'B'] },
      });
    }

    // A member's playbooks, one of their versions lists and attachment lists.
    {
      const origin = await t.unit();
      const member = await t.user({ units: [[origin.id, 'member']] });
      const rows = { A: ['Beta', 1, 3], B: ['Gamma', 2, 1], C: ['Alpha', 3, 2] } as const;
      const ids: Record<string, string> = {};
      const replications: string[] = [];
      let innovationId = '';
      for (const [label, [title, created, edited]] of Object.entries(rows)) {
        const { replication, playbook } = await t.replication({ originUnitId: origin.id, replicatingUnitId: (await t.unit()).id });
        replications.push(replication.id);
        innovationId = replication.innovation.id;
        ids[label] = playbook.id;
        await sql('update playbooks set title = ?, created_at = ?, last_edited_at = ? where id = ?', [
          title,
          at(created),
          at(edited),
          playbook.id,
        ]);
      }
      cases.push({
        name: 'my playbooks',
        op: '/api/me/playbooks',
        url: '/api/me/playbooks?limit=100',
        auth: member.auth,
        ids,
        orders: { edited: ['B', 'C', 'A'], title: ['C', 'A', 'B'], created: ['A', 'B', 'C'] },
      });

      const playbookId = ids.A;
      const versions: Record<string, string> = {};
      for (const [label, [name, created]] of Object.entries({ A: ['Beta', 1], B: ['Gamma', 2], C: ['Alpha', 3] } as const)) {
        versions[label] = randomUUID();
        await sql(`insert into playbook_versions (id, playbook_id, label, data, created_at) values (?, ?, ?, '\\x', ?)`, [
          versions[label],
          playbookId,
          name,
          at(created),
        ]);
      }
      cases.push({
        name: 'playbook versions',
        op: '/api/playbooks/{id}/versions',
        url: `/api/playbooks/${playbookId}/versions`,
        auth: member.auth,
        ids: versions,
        orders: { created: ['A', 'B', 'C'], label: ['C', 'A', 'B'] },
      });

      const parents = [
        ['replication', replications[0], `/api/replications/${replications[0]}/attachments`, '/api/replications/{id}/attachments'],
        ['innovation', innovationId, `/api/innovations/${innovationId}/attachments`, '/api/innovations/{id}/attachments'],
        ['playbook', playbookId, `/api/playbooks/${playbookId}/attachments`, '/api/playbooks/{id}/attachments'],
      ] as const;
      for (const [type, parentId, url, op] of parents) {
        const files: Record<string, string> = {};
        for (const [label, [name, size, created]] of Object.entries({
          A: ['beta.pdf', 3, 1],
          B: ['gamma.pdf', 1, 2],
          C: ['Alpha.pdf', 2, 3],
        } as const)) {
          files[label] = randomUUID();
          await sql(
            `insert into attachments (id, parent_type, parent_id, name, size, content_type, storage, complete, created_at)
             values (?, ?, ?, ?, ?, 'application/pdf', 'pg', true, ?)`,
            [files[label], type, parentId, name, size, at(created)],
          );
        }
        cases.push({
          name: `${type} attachments`,
          op,
          url,
          auth: member.auth,
          ids: files,
          orders: { created: ['A', 'B', 'C'], name: ['C', 'A', 'B'], size: ['B', 'C', 'A'] },
        });
      }
    }

    // A unit's invitations.
    {
      const unit = await t.unit();
      const rows = { A: ['beta@sort.test', 1, 3], B: ['gamma@sort.test', 2, 1], C: ['alpha@sort.test', 3, 2] } as const;
      const ids: Record<string, string> = {};
      for (const [label, [email, created, expires]] of Object.entries(rows)) {
        ids[label] = randomUUID();
        await sql(
          `insert into invitations (id, unit_id, email, role, token_hash, expires_at, created_at) values (?, ?, ?, 'member', ?, ?, ?)`,
          [ids[label], unit.id, email, randomUUID(), new Date(Date.now() + expires * 86_400_000).toISOString(), at(created)],
        );
      }
      cases.push({
        name: 'invitations',
        op: '/api/units/{id}/invitations',
        url: `/api/units/${unit.id}/invitations`,
        auth: admin.auth,
        ids,
        orders: { created: ['A', 'B', 'C'], email: ['C', 'A', 'B'], expires: ['B', 'C', 'A'] },
      });
    }

    // Refresh campaigns (deadlines ahead, so the campaign timer does not close them) and one campaign's items.
    {
      const rows = { A: ['Beta', 1, 3], B: ['Gamma', 2, 1], C: ['Alpha', 3, 2] } as const;
      const ids: Record<string, string> = {};
      for (const [label, [title, created, deadline]] of Object.entries(rows)) {
        ids[label] = randomUUID();
        await sql(`insert into refresh_campaigns (id, title, filter, deadline, created_at) values (?, ?, '{}', ?, ?)`, [
          ids[label],
          title,
          new Date(Date.now() + deadline * 10 * 86_400_000).toISOString(),
          at(created),
        ]);
      }
      cases.push({
        name: 'campaigns',
        op: '/api/campaigns',
        url: '/api/campaigns',
        auth: curator.auth,
        ids,
        orders: { created: ['A', 'B', 'C'], title: ['C', 'A', 'B'], deadline: ['B', 'C', 'A'] },
      });

      const agency = await t.agency();
      const [aa, bb] = [randomUUID(), randomUUID()];
      await sql('insert into units (id, agency_id, name) values (?, ?, ?), (?, ?, ?)', [
        aa,
        agency.id,
        'Dinas Aa',
        bb,
        agency.id,
        'Dinas Bb',
      ]);
      const items = { A: [aa, 'Gamma', 2], B: [bb, 'Alpha', 1], C: [aa, 'Beta', 4], D: [bb, 'Delta', 3] } as const;
      const innovations: Record<string, string> = {};
      for (const [label, [unitId, title, confirmed]] of Object.entries(items)) {
        innovations[label] = (await t.innovation(unitId, { title })).id;
        await sql('insert into refresh_campaign_items (campaign_id, innovation_id, unit_id, confirmed_at) values (?, ?, ?, ?)', [
          ids.A,
          innovations[label],
          unitId,
          at(confirmed),
        ]);
      }
      cases.push({
        name: 'campaign items',
        op: '/api/campaigns/{id}/items',
        url: `/api/campaigns/${ids.A}/items`,
        auth: curator.auth,
        ids: innovations,
        orders: { unit: ['C', 'A', 'B', 'D'], title: ['B', 'C', 'D', 'A'], confirmed: ['B', 'A', 'D', 'C'] },
        idsOf: (body) => body.items.map((i) => i.innovationId),
      });
    }
  });

  afterAll(async () => {
    await t.close();
  });

  /** The fixture labels in the order the list answers them (other rows left out). */
  async function labels(c: ListCase, sort?: string): Promise<string[]> {
    const url = sort ? `${c.url}${c.url.includes('?') ? '&' : '?'}sort=${encodeURIComponent(sort)}` : c.url;
    const res = await t.http().get(url).set('authorization', c.auth).expect(200);
    const byId = new Map(Object.entries(c.ids).map(([label, id]) => [id, label]));
    const order = (c.idsOf ?? ((b) => b.items.map((i) => i.id)))(res.body);
    return order.filter((id) => byId.has(id)).map((id) => byId.get(id) as string);
  }

  it('covers every list that documents sort=', () => {
    // Innovations, replications and duplicates have their own specs; discussions and moderation sort their own lists.
    // Lists tested in their own specs (innovations, replications; discussions and moderation in sorting-discussions).
    const elsewhere = (p: string) =>
      /^\/api\/(innovations|innovations\/export|innovations\/duplicates|replications|replications\/export)$/.test(p) ||
      /^\/api\/(threads|moderation)\b/.test(p) ||
      p === '/api/users/{id}/suspensions';
    // Same handler and query as the attachment lists above, on parents that need a discussion or a session.
    const sameAsAbove = ['/api/posts/{id}/attachments', '/api/mentorships/{id}/sessions/{sessionId}/attachments'];
    const documented = Object.entries(spec.paths)
      .filter(([path, item]) => !elsewhere(path) && item.get?.parameters?.some((p) => p.name === 'sort'))
      .map(([path]) => path);
    expect(documented.sort()).toEqual([...new Set([...cases.map((c) => c.op), ...sameAsAbove])].sort());
  });

  it('every case has orders that tell its keys apart (none equal to or the reverse of another)', () => {
    for (const c of cases) {
      const seen = new Set<string>();
      for (const order of Object.values(c.orders)) {
        seen.add(order.join());
        seen.add([...order].reverse().join());
      }
      expect({ list: c.name, distinct: seen.size }).toEqual({ list: c.name, distinct: 2 * Object.keys(c.orders).length });
    }
  });

  describe.each([
    'agencies',
    'units',
    'people directory',
    'notifications',
    'outbox',
    'mentorships',
    'my playbooks',
    'playbook versions',
    'replication attachments',
    'innovation attachments',
    'playbook attachments',
    'invitations',
    'campaigns',
    'campaign items',
  ])('%s', (name) => {
    const get = () => {
      const c = cases.find((x) => x.name === name);
      if (!c) throw new Error(`no case ${name}`);
      return c;
    };

    it('documents exactly the keys the case covers, both directions, with the default', () => {
      const c = get();
      const param = spec.paths[c.op].get.parameters?.find((p) => p.name === 'sort');
      const keys = Object.keys(c.orders);
      expect([...(param?.schema?.enum ?? [])].sort()).toEqual(keys.flatMap((k) => [k, `-${k}`]).sort());
      expect(param?.schema?.enum).toContain(param?.schema?.default);
    });

    it('orders by each key, ascending and with - descending', async () => {
      const c = get();
      for (const [key, asc] of Object.entries(c.orders)) {
        expect({ key, order: await labels(c, key) }).toEqual({ key, order: asc });
        expect({ key: `-${key}`, order: await labels(c, `-${key}`) }).toEqual({ key: `-${key}`, order: [...asc].reverse() });
      }
    });

    it('without sort answers the documented default order', async () => {
      const c = get();
      const def = spec.paths[c.op].get.parameters?.find((p) => p.name === 'sort')?.schema?.default as string;
      const key = def.replace(/^-/, '');
      expect(await labels(c)).toEqual(def.startsWith('-') ? [...c.orders[key]].reverse() : c.orders[key]);
    });

    it.each(['bogus', '--created', 'created;drop', ''])('refuses sort=%p with 400 VALIDATION_FAILED', async (bad) => {
      const c = get();
      const res = await t
        .http()
        .get(`${c.url}${c.url.includes('?') ? '&' : '?'}sort=${encodeURIComponent(bad)}`)
        .set('authorization', c.auth)
        .expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    });
  });
});
