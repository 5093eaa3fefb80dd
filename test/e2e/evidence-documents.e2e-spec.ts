import { randomUUID } from 'node:crypto';
import { TestApp, TestUser } from '@app/testing';
import { castEvidence, EvidenceCast, evidenceReplication } from './evidence.helpers';
import { readPdf } from './evidence-pdf';

/** supertest keeps binary bodies as Buffers only with a parser. */
const binary = (res: NodeJS.ReadableStream & { setEncoding(e: string): void; on(e: string, cb: (x?: unknown) => void): void }, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c) => chunks.push(c as Buffer));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('verifiable documents (e2e)', () => {
  let t: TestApp;
  let c: EvidenceCast;

  const download = (path: string, by: TestUser) => t.http().get(path).set('authorization', by.auth).buffer(true).parse(binary as never);
  const moveHistory = async (id: string, stages: string[]) => {
    let from: string | null = 'PROPOSED';
    for (const to of stages) {
      await t.em().execute(`insert into replication_transitions (id, replication_id, from_stage, to_stage, actor_id, note, at) values (?, ?, ?, ?, null, null, now())`, [randomUUID(), id, from, to]);
      from = to;
    }
    await t.em().execute('update replications set stage = ? where id = ?', [stages.at(-1), id]);
  };

  beforeAll(async () => {
    t = await TestApp.start({ PUBLIC_URL: 'https://kolaborasi.jippnas.example' });
    process.env.PUBLIC_URL = 'https://kolaborasi.jippnas.example';
    c = await castEvidence(t);
  });
  afterAll(async () => {
    delete process.env.PUBLIC_URL;
    await t.close();
  });

  it('the agreement summary: too early 409, then a PDF carrying its code, the same code again, verifiable publicly', async () => {
    const r = await evidenceReplication(t, c);
    const early = await t.http().get(`/api/replications/${r.id}/documents/agreement`).set('authorization', c.repMember.auth).expect(409);
    expect(early.body.code).toBe('DOCUMENT_NOT_AVAILABLE');
    await t.http().post(`/api/replications/${r.id}/transitions`).set('authorization', c.originMember.auth).send({ to: 'AGREED' }).expect(200);
    const res = await download(`/api/replications/${r.id}/documents/agreement`, c.repMember).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const code = res.headers['x-verification-code'];
    expect(code).toMatch(/^JIPP-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const pdf = readPdf(res.body);
    expect(pdf.header).toMatch(/^%PDF-1\.\d/);
    expect(pdf.pages).toBeGreaterThanOrEqual(1);
    expect(pdf.info).toMatchObject({ Keywords: code, Subject: `Kode verifikasi ${code}`, Title: 'Ringkasan Kesepakatan Replikasi Inovasi' });
    expect(pdf.text).toContain(code);
    expect(pdf.text).toContain('Instansi asal');
    expect(pdf.text).toContain(`kolaborasi.jippnas.example/api/verify/${code}`);
    // Asked again (by another editor), the same subject keeps its code.
    const again = await download(`/api/replications/${r.id}/documents/agreement`, c.originMember).expect(200);
    expect(again.headers['x-verification-code']).toBe(code);

    const v = await t.http().get(`/api/verify/${code}`).expect(200);
    expect(v.body).toEqual({
      valid: true,
      kind: 'agreement',
      code,
      issuer: expect.any(String),
      issuedAt: expect.any(String),
      subject: expect.objectContaining({ type: 'replication', replicationId: r.id, innovation: expect.objectContaining({ id: r.innovationId }), agreedAt: expect.any(String) }),
    });
    // Typed by hand from paper: lower case and spaces still verify.
    await t.http().get(`/api/verify/${code.toLowerCase().replace(/-/g, ' ')}`).expect(200);
    const page = await t.http().get(`/api/verify/${code}`).set('accept', 'text/html').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('Dokumen ini sah');
  });

  it('the certificate exists once institutionalised; a revoked code says so and the next request gets a new code', async () => {
    const r = await evidenceReplication(t, c);
    await moveHistory(r.id, ['AGREED', 'PREPARING', 'PLANNING', 'IMPLEMENTING', 'EVALUATING']);
    expect((await t.http().get(`/api/replications/${r.id}/documents/certificate`).set('authorization', c.repMember.auth).expect(409)).body.code).toBe('DOCUMENT_NOT_AVAILABLE');
    await t.http().post(`/api/replications/${r.id}/transitions`).set('authorization', c.repMember.auth).send({ to: 'INSTITUTIONALIZED' }).expect(200);
    const res = await download(`/api/replications/${r.id}/documents/certificate`, c.curator).expect(200);
    const code = res.headers['x-verification-code'];
    const pdf = readPdf(res.body);
    expect(pdf.info.Title).toBe('Sertifikat Replikasi Inovasi');
    expect(pdf.text).toContain(code);
    expect(pdf.text).toContain('melembagakan');

    expect((await t.http().post(`/api/documents/${code}/revoke`).set('authorization', c.repMember.auth).send({ reason: 'x' }).expect(403)).body.code).toBe('FORBIDDEN');
    const revoked = await t.http().post(`/api/documents/${code}/revoke`).set('authorization', c.curator.auth).send({ reason: 'Data replikasi keliru' }).expect(200);
    expect(revoked.body).toMatchObject({ valid: false, revokedAt: expect.any(String), revokeReason: 'Data replikasi keliru' });
    const v = await t.http().get(`/api/verify/${code}`).expect(200);
    expect(v.body).toMatchObject({ valid: false, kind: 'certificate', revokedAt: expect.any(String) });
    expect((await t.http().get(`/api/verify/${code}`).set('accept', 'text/html')).text).toContain('telah dicabut');
    expect((await t.http().post(`/api/documents/${code}/revoke`).set('authorization', c.curator.auth).send({ reason: 'lagi' }).expect(409)).body.code).toBe('DOCUMENT_REVOKED');
    const fresh = await download(`/api/replications/${r.id}/documents/certificate`, c.repMember).expect(200);
    expect(fresh.headers['x-verification-code']).not.toBe(code);
    expect((await t.http().get(`/api/verify/${fresh.headers['x-verification-code']}`).expect(200)).body.valid).toBe(true);
  });

  it('the mentoring report exists once the mentorship is completed, with goals, sessions, attendance and ratings', async () => {
    const r = await evidenceReplication(t, c, 'IMPLEMENTING');
    const mentor = await t.user({ units: [[c.originUnitId, 'member']], name: 'Mentor Surabaya' });
    const m = randomUUID();
    const em = t.em();
    await em.execute(`insert into mentorships (id, replication_id, state, proposed_by_side, activated_at) values (?, ?, 'ACTIVE', 'mentee', now() - interval '60 days')`, [m, r.id]);
    await em.execute(`insert into mentorship_mentors (id, mentorship_id, user_id, unit_id) values (?, ?, ?, ?)`, [randomUUID(), m, mentor.id, c.originUnitId]);
    await em.execute(`insert into mentorship_goals (id, mentorship_id, title, status) values (?, ?, 'SOP layanan disusun', 'done'), (?, ?, 'Aplikasi dipasang', 'open')`, [randomUUID(), m, randomUUID(), m]);
    await em.execute(
      `insert into mentorship_sessions (id, mentorship_id, scheduled_at, mode, agenda, held_at, attendee_ids, outcome) values (?, ?, now() - interval '30 days', 'field_visit', 'Kunjungan ke Surabaya', now() - interval '30 days', ?::uuid[], 'Tim memahami alur')`,
      [randomUUID(), m, `{${mentor.id},${c.repMember.id}}`],
    );
    const early = await t.http().get(`/api/mentorships/${m}/documents/report`).set('authorization', mentor.auth).expect(409);
    expect(early.body.code).toBe('DOCUMENT_NOT_AVAILABLE');
    await em.execute(`update mentorships set state = 'COMPLETED', closed_at = now() where id = ?`, [m]);
    await em.execute(`insert into mentorship_feedback (id, mentorship_id, side, rated_unit_id, author_id, rating) values (?, ?, 'mentee', ?, ?, 5)`, [randomUUID(), m, c.originUnitId, c.repMember.id]);
    const res = await download(`/api/mentorships/${m}/documents/report`, mentor).expect(200);
    const code = res.headers['x-verification-code'];
    const pdf = readPdf(res.body);
    expect(pdf.info.Title).toBe('Laporan Pendampingan Replikasi');
    for (const s of [code, 'Mentor Surabaya', 'SOP layanan disusun', 'Kunjungan ke Surabaya', '2 peserta hadir', '1 dari 2']) expect(pdf.text).toContain(s);
    const v = await t.http().get(`/api/verify/${code}`).expect(200);
    expect(v.body).toMatchObject({ valid: true, kind: 'report', subject: { type: 'mentorship', mentorshipId: m, mentors: ['Mentor Surabaya'], goalsDone: 1, goalsTotal: 2, sessionsHeld: 1, ratings: { byReplicatingTeam: 5 } } });
    // Outsiders see neither the report nor the replication documents.
    expect((await t.http().get(`/api/mentorships/${m}/documents/report`).set('authorization', c.outsider.auth).expect(403)).body.code).toBe('FORBIDDEN');
  });

  it('forbidden and worst inputs', async () => {
    const r = await evidenceReplication(t, c, 'AGREED');
    await moveHistory(r.id, ['AGREED']);
    expect((await t.http().get(`/api/replications/${r.id}/documents/agreement`).set('authorization', c.outsider.auth).expect(403)).body.code).toBe('FORBIDDEN');
    await t.http().get(`/api/replications/${r.id}/documents/agreement`).expect(401);
    expect((await t.http().get(`/api/replications/${r.id}/documents/commitment`).set('authorization', c.repMember.auth).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await t.http().get(`/api/replications/${randomUUID()}/documents/agreement`).set('authorization', c.admin.auth).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await t.http().get(`/api/mentorships/${randomUUID()}/documents/report`).set('authorization', c.admin.auth).expect(404)).body.code).toBe('NOT_FOUND');
    for (const code of ['JIPP-0000-0000-0000', 'nonsense', '%27%20or%201%3D1', 'x'.repeat(300)]) {
      expect((await t.http().get(`/api/verify/${code}`).expect(404)).body.code).toBe('NOT_FOUND');
    }
    const ok = await download(`/api/replications/${r.id}/documents/agreement`, c.facMember).expect(200);
    const code = ok.headers['x-verification-code'];
    for (const body of [{}, { reason: '' }, { reason: '  ' }, { reason: 5 }, { reason: 'x', extra: 1 }]) {
      expect((await t.http().post(`/api/documents/${code}/revoke`).set('authorization', c.curator.auth).send(body).expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
    expect((await t.http().post(`/api/documents/JIPP-0000-0000-0000/revoke`).set('authorization', c.curator.auth).send({ reason: 'x' }).expect(404)).body.code).toBe('NOT_FOUND');
  });
});
