import { Client } from 'pg';
import type { Unit } from '@app/database';
import { TestApp, TestUser } from '@app/testing';

/**
 * Innovations written at the same time never abort each other. The typo-correction vocabulary
 * (`innovation_terms`, kept by a trigger) used to make two writers adding the same new words wait
 * on each other's uncommitted rows; in opposite order PostgreSQL broke the tie with a deadlock.
 */
describe('innovations written concurrently (e2e)', () => {
  let t: TestApp;
  let unit: Unit;
  let member: TestUser;

  beforeAll(async () => {
    t = await TestApp.start();
    unit = await t.unit(await t.agency('city', '35.78'));
    member = await t.user({ units: [[unit.id, 'member']] });
    // The words every test row shares are in the vocabulary already: only the test's own words are new.
    await t.innovation(unit.id, { title: 'Layanan Klinik Posko Sekolah', summary: 'ringkas' });
  });
  afterAll(async () => {
    await t.close();
  });

  const connect = async () => {
    const c = new Client({ connectionString: t.databaseUrl });
    await c.connect();
    // A writer stuck behind another fails the test in seconds instead of hanging it.
    await c.query(`set lock_timeout = '5s'`);
    return c;
  };
  const insert = (c: Client, title: string) =>
    c.query(
      `insert into innovations (id, title, summary, unit_id, year, source) values (gen_random_uuid(), $1, 'ringkas', $2, 2024, 'KIPP')`,
      [title, unit.id],
    );
  const terms = async (words: string[]) =>
    (
      await t.em().getConnection().execute<{ term: string }[]>(`select term from innovation_terms where term in (?) order by term`, [words])
    ).map((r) => r.term);

  it('two open transactions adding the same new words in opposite order both commit, and the vocabulary has the words', async () => {
    const [a, b] = [await connect(), await connect()];
    try {
      await a.query('begin');
      await b.query('begin');
      await insert(a, 'Layanan qoxwelt');
      await insert(b, 'Klinik pyrzank');
      // Each now adds the word the other holds uncommitted: without the fix both wait, one is aborted.
      const both = await Promise.allSettled([
        insert(b, 'Posko qoxwelt').then(() => b.query('commit')),
        insert(a, 'Sekolah pyrzank').then(() => a.query('commit')),
      ]);
      expect(both.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok']);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
    expect(await terms(['pyrzank', 'qoxwelt'])).toEqual(['pyrzank', 'qoxwelt']);
    const found = await t.http().get('/api/innovations?q=pyrzank').expect(200);
    expect(found.body.total).toBe(2);
  });

  it('a word whose writer rolled back returns to the vocabulary when a row carrying it is written again', async () => {
    const [a, b] = [await connect(), await connect()];
    try {
      await a.query('begin');
      await insert(a, 'Klinik vumbrisk');
      await b.query('begin');
      await insert(b, 'Posko vumbrisk'); // the word is left to a, which then gives up
      await b.query('commit');
      await a.query('rollback');
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
    expect(await terms(['vumbrisk'])).toEqual([]);
    await t
      .http()
      .post('/api/innovations')
      .set('authorization', member.auth)
      .send({ title: 'Layanan vumbrisk', summary: 'ringkas', unitId: unit.id, source: 'KIPP', year: 2023 })
      .expect(201);
    expect(await terms(['vumbrisk'])).toEqual(['vumbrisk']);
    // The vocabulary serves typo correction: a misspelling now finds both rows.
    expect((await t.http().get('/api/innovations?q=vumbrisc').expect(200)).body.total).toBe(2);
  });

  it('thirty units’ members creating innovations with the same new words at once all get 201', async () => {
    const words = ['zelvorin', 'kaptrumel', 'drosvikan', 'mulbertas', 'fenquarid', 'tolpraxen'];
    const users = await Promise.all(
      Array.from({ length: 30 }, async () => {
        const u = await t.unit(await t.agency('city', '35.78'));
        return { unitId: u.id, user: await t.user({ units: [[u.id, 'member']] }) };
      }),
    );
    const results = await Promise.all(
      users.map(({ unitId, user }, i) => {
        const shuffled = [...words.slice(i % words.length), ...words.slice(0, i % words.length)].reverse();
        return t
          .http()
          .post('/api/innovations')
          .set('authorization', user.auth)
          .send({ title: `Inovasi ${shuffled.slice(0, 3).join(' ')}`, summary: shuffled.join(' '), unitId, source: 'KIPP', year: 2023 });
      }),
    );
    expect(results.map((r) => r.status)).toEqual(results.map(() => 201));
    expect(await terms(words)).toEqual([...words].sort());
  });
});
