import { randomUUID } from 'node:crypto';
import { TestApp } from '@app/testing';
import { attachmentsInstalled, castEvidence, EvidenceCast, evidenceAttachment, evidenceReplication } from './evidence.helpers';

describe('replication checklists (e2e)', () => {
  let t: TestApp;
  let c: EvidenceCast;

  const checklist = (id: string, by = c.repMember) => t.http().get(`/api/replications/${id}/checklist`).set('authorization', by.auth);
  const addItem = (id: string, by: typeof c.repMember, body: Record<string, unknown>) => t.http().post(`/api/replications/${id}/checklist`).set('authorization', by.auth).send(body);
  const patchItem = (id: string, itemId: string, by: typeof c.repMember, body: Record<string, unknown>) =>
    t.http().patch(`/api/replications/${id}/checklist/${itemId}`).set('authorization', by.auth).send(body);
  const move = (id: string, by: typeof c.repMember, body: Record<string, unknown>) => t.http().post(`/api/replications/${id}/transitions`).set('authorization', by.auth).send(body);

  beforeAll(async () => {
    t = await TestApp.start();
    c = await castEvidence(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('seeds every stage from LAN’s guide, in Indonesian, nothing required, once', async () => {
    const r = await evidenceReplication(t, c);
    const res = await checklist(r.id, c.outsider).expect(200);
    expect(res.body.stages.map((s: { stage: string }) => s.stage)).toEqual(['PREPARING', 'PLANNING', 'IMPLEMENTING', 'EVALUATING', 'INSTITUTIONALIZED']);
    const titles = (stage: string) => res.body.stages.find((s: { stage: string }) => s.stage === stage).items.map((i: { title: string }) => i.title);
    expect(titles('PREPARING')).toEqual(expect.arrayContaining(['Pembentukan tim replikasi dengan SK kepala instansi', 'Penyediaan anggaran replikasi', 'Kajian SOP dan dasar hukum inovasi di instansi asal']));
    expect(titles('INSTITUTIONALIZED')).toContain('Penetapan regulasi/SK yang melembagakan inovasi');
    const all = res.body.stages.flatMap((s: { items: { required: boolean; done: boolean }[] }) => s.items);
    expect(all.every((i: { required: boolean; done: boolean }) => !i.required && !i.done)).toBe(true);
    expect(res.body).toMatchObject({ replicationId: r.id, currentStage: 'PROPOSED', overrides: [] });
    // Deleted seed items stay deleted: the seed runs once per replication.
    const first = res.body.stages[0].items[0];
    await t.http().delete(`/api/replications/${r.id}/checklist/${first.id}`).set('authorization', c.repMember.auth).expect(204);
    const again = await checklist(r.id).expect(200);
    expect(again.body.stages[0].items.map((i: { id: string }) => i.id)).not.toContain(first.id);
    expect(again.body.stages[0].items).toHaveLength(res.body.stages[0].items.length - 1);
  });

  it('blocks the move out of a stage until its required items are done, then allows it', async () => {
    const r = await evidenceReplication(t, c, 'AGREED');
    await move(r.id, c.repMember, { to: 'PREPARING' }).expect(200); // AGREED has no checklist
    const item = (await addItem(r.id, c.facMember, { stage: 'PREPARING', title: 'SK tim replikasi ditandatangani', required: true }).expect(201)).body;
    expect(item).toMatchObject({ stage: 'PREPARING', title: 'SK tim replikasi ditandatangani', required: true, done: false, fromGuide: false });
    const blocked = await move(r.id, c.repMember, { to: 'PLANNING' }).expect(409);
    expect(blocked.body).toMatchObject({ code: 'CHECKLIST_INCOMPLETE', details: [{ id: item.id, title: 'SK tim replikasi ditandatangani', stage: 'PREPARING' }] });
    expect((await t.http().get(`/api/replications/${r.id}`).set('authorization', c.repMember.auth)).body.stage).toBe('PREPARING');
    const done = await patchItem(r.id, item.id, c.repMember, { done: true }).expect(200);
    expect(done.body).toMatchObject({ done: true, doneBy: c.repMember.id, doneAt: expect.any(String) });
    await move(r.id, c.repMember, { to: 'PLANNING' }).expect(200);
    // Unticking clears who and when.
    const undone = await patchItem(r.id, item.id, c.repMember, { done: false }).expect(200);
    expect(undone.body.doneBy).toBeUndefined();
    expect(undone.body.doneAt).toBeUndefined();
  });

  it('an item proven by a document needs an attachment before it counts as done', async () => {
    const r = await evidenceReplication(t, c, 'PLANNING');
    const item = (await addItem(r.id, c.repMember, { stage: 'PLANNING', title: 'Rancangan Perbup disusun', required: true, evidenceRequired: true }).expect(201)).body;
    const refused = await patchItem(r.id, item.id, c.repMember, { done: true }).expect(422);
    expect(refused.body.code).toBe('EVIDENCE_REQUIRED');
    await move(r.id, c.repMember, { to: 'IMPLEMENTING' }).expect(409);
    const attachmentId = await evidenceAttachment(t, r.id, c.repMember);
    const ok = await patchItem(r.id, item.id, c.repMember, { done: true, attachmentId }).expect(200);
    expect(ok.body).toMatchObject({ done: true, attachmentId });
    // Taking the evidence away from a done item is refused too.
    expect((await patchItem(r.id, item.id, c.repMember, { attachmentId: null }).expect(422)).body.code).toBe('EVIDENCE_REQUIRED');
    await move(r.id, c.repMember, { to: 'IMPLEMENTING' }).expect(200);
  });

  it('refuses an attachment of another replication when the attachments module is installed', async () => {
    if (!(await attachmentsInstalled(t))) {
      // Without the attachments table there is nothing to check against: any id is accepted.
      const r = await evidenceReplication(t, c, 'PLANNING');
      const item = (await checklist(r.id).expect(200)).body.stages[1].items[0];
      await patchItem(r.id, item.id, c.repMember, { attachmentId: randomUUID() }).expect(200);
      return;
    }
    const [a, b] = [await evidenceReplication(t, c, 'PLANNING'), await evidenceReplication(t, c, 'PLANNING')];
    const foreign = await evidenceAttachment(t, b.id, c.repMember);
    const item = (await checklist(a.id).expect(200)).body.stages[1].items[0];
    expect((await patchItem(a.id, item.id, c.repMember, { attachmentId: foreign }).expect(422)).body.code).toBe('INVALID_ATTACHMENT');
    expect((await patchItem(a.id, item.id, c.repMember, { attachmentId: randomUUID() }).expect(422)).body.code).toBe('INVALID_ATTACHMENT');
  });

  it('a curator overrides with a note; the override is audited beside the transition history', async () => {
    const r = await evidenceReplication(t, c, 'IMPLEMENTING');
    const item = (await addItem(r.id, c.repMember, { stage: 'IMPLEMENTING', title: 'Sosialisasi ke kecamatan', required: true }).expect(201)).body;
    expect((await move(r.id, c.repMember, { to: 'EVALUATING', note: 'lanjut', override: true }).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await move(r.id, c.curator, { to: 'EVALUATING', override: true }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await move(r.id, c.curator, { to: 'EVALUATING', note: '   ', override: true }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await move(r.id, c.curator, { to: 'EVALUATING' }).expect(409)).body.code).toBe('CHECKLIST_INCOMPLETE');
    await move(r.id, c.curator, { to: 'EVALUATING', note: 'Sosialisasi dilakukan daring, bukti menyusul', override: true }).expect(200);
    const one = await t.http().get(`/api/replications/${r.id}`).set('authorization', c.outsider.auth).expect(200);
    expect(one.body.history.at(-1)).toMatchObject({ from: 'IMPLEMENTING', to: 'EVALUATING', actorId: c.curator.id, note: 'Sosialisasi dilakukan daring, bukti menyusul' });
    const list = await checklist(r.id).expect(200);
    expect(list.body.overrides).toEqual([
      { from: 'IMPLEMENTING', to: 'EVALUATING', actorId: c.curator.id, actorName: 'Kurator Nasional', note: 'Sosialisasi dilakukan daring, bukti menyusul', missing: [expect.objectContaining({ id: item.id })], at: expect.any(String) },
    ]);
  });

  it('side exits and going back are never blocked by the checklist', async () => {
    const r = await evidenceReplication(t, c, 'EVALUATING');
    await addItem(r.id, c.repMember, { stage: 'EVALUATING', title: 'Laporan evaluasi', required: true }).expect(201);
    await move(r.id, c.repMember, { to: 'INSTITUTIONALIZED' }).expect(409);
    await move(r.id, c.repMember, { to: 'IMPLEMENTING' }).expect(200);
    await move(r.id, c.repMember, { to: 'WITHDRAWN' }).expect(200);
  });

  it('editors are the playbook editors; outsiders and curators (for edits) get 403', async () => {
    const r = await evidenceReplication(t, c);
    for (const who of [c.originMember, c.repMember, c.facMember, c.admin]) await addItem(r.id, who, { stage: 'PLANNING', title: `oleh ${who.name}` }).expect(201);
    for (const who of [c.outsider, c.curator]) expect((await addItem(r.id, who, { stage: 'PLANNING', title: 'tidak boleh' }).expect(403)).body.code).toBe('FORBIDDEN');
    const item = (await checklist(r.id).expect(200)).body.stages[0].items[0];
    expect((await patchItem(r.id, item.id, c.outsider, { done: true }).expect(403)).body.code).toBe('FORBIDDEN');
    await t.http().get(`/api/replications/${r.id}/checklist`).expect(401);
    // A required item: editors may not remove it, a curator may.
    const req = (await addItem(r.id, c.repMember, { stage: 'PLANNING', title: 'wajib', required: true }).expect(201)).body;
    expect((await t.http().delete(`/api/replications/${r.id}/checklist/${req.id}`).set('authorization', c.repMember.auth).expect(403)).body.code).toBe('FORBIDDEN');
    await t.http().delete(`/api/replications/${r.id}/checklist/${req.id}`).set('authorization', c.curator.auth).expect(204);
  });

  it('worst inputs get 400/404 with stable codes', async () => {
    const r = await evidenceReplication(t, c);
    const other = await evidenceReplication(t, c);
    const item = (await checklist(r.id).expect(200)).body.stages[0].items[0];
    for (const body of [{}, { stage: 'PROPOSED', title: 'x' }, { stage: 'PLANNING', title: '' }, { stage: 'PLANNING', title: '   ' }, { stage: 'PLANNING', title: 'x'.repeat(301) }, { stage: 'PLANNING', title: 'x', required: 'yes' }, { stage: 'PLANNING', title: 'x', extra: 1 }]) {
      expect((await addItem(r.id, c.repMember, body).expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
    for (const body of [{ done: 'true' }, { attachmentId: 'abc' }, { title: '' }, { bogus: true }]) {
      expect((await patchItem(r.id, item.id, c.repMember, body).expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
    expect((await patchItem(other.id, item.id, c.repMember, { done: true }).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await patchItem(r.id, randomUUID(), c.repMember, { done: true }).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await checklist(randomUUID()).expect(404)).body.code).toBe('NOT_FOUND');
    await checklist('not-a-uuid').expect(400);
    expect((await move(r.id, c.curator, { to: 'AGREED', override: 'yes' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });
});
