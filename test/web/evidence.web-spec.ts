import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { apiAs, demo, scriptErrors, seriousViolations, webSuite } from './part2.support';

/**
 * Replication evidence in Chromium against the real app on the demo data: stage checklists
 * (gate, evidence upload, curator override), indicators with charts, documents and their public
 * verification, a data refresh campaign confirmed on /pemutakhiran, and the facilitator's hub.
 */
const web = webSuite();
const as = web.as;

/** The demo replication of Klampid by Makassar (IMPLEMENTING, facilitated by Bappeda Jateng). */
async function klampidMakassar(): Promise<{ id: string; innovationId: string; playbookId: string }> {
  const [row] = await web.app.em().execute<{ id: string; innovation_id: string; playbook_id: string }[]>(
    `select r.id, r.innovation_id, p.id as playbook_id from replications r join innovations i on i.id = r.innovation_id
       join units u on u.id = r.replicating_unit_id left join playbooks p on p.replication_id = r.id
      where i.title ilike '%klampid%' and u.name ilike '%makassar%' limit 1`,
  );
  return { id: row.id, innovationId: row.innovation_id, playbookId: row.playbook_id };
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

async function addItem(page: Page, stage: string, title: string, opts: { evidence?: boolean } = {}) {
  const form = page.getByRole('form', { name: 'Butir baru' });
  await form.getByLabel('Tahap', { exact: true }).selectOption({ label: stage });
  await form.getByLabel('Judul butir').fill(title);
  await form.getByLabel('Wajib sebelum pindah tahap').check();
  if (opts.evidence) await form.getByLabel('Perlu lampiran sebagai bukti').check();
  await form.getByRole('button', { name: 'Tambah butir' }).click();
  await page.getByRole('checkbox', { name: title }).waitFor();
}

test('indicators: added with measurements, charted with the figures also as a table, beside the origin; impact roll-ups', async () => {
  const rep = await klampidMakassar();
  const u = await as('replikator.makassar');
  await u.page.goto(`/replikasi/${rep.id}`);
  // The demo indicator sits beside the origin's own reported result (14 → 1 days).
  const akta = u.page.getByRole('article', { name: 'Waktu penerbitan akta kelahiran (hari)' });
  await akta.getByText('14 → 1 hari').waitFor();

  const form = u.page.getByRole('form', { name: 'Indikator baru' });
  await form.getByLabel('Nama indikator').fill('Waktu antre loket');
  await form.getByLabel('Satuan').fill('menit');
  await form.getByLabel('Arah yang lebih baik').selectOption('lower');
  await form.getByLabel('Nilai data dasar').fill('40');
  await form.getByLabel('Tanggal data dasar').fill('2025-01-10');
  await form.getByLabel('Sumber data (opsional)').fill('Buku antrean');
  await form.getByLabel('Target (opsional)').fill('15');
  await form.getByRole('button', { name: 'Tambah indikator' }).click();
  const ind = u.page.getByRole('article', { name: 'Waktu antre loket (menit)' });
  await ind.waitFor();
  const measure = ind.getByRole('form', { name: 'Pengukuran baru: Waktu antre loket' });
  for (const [value, at] of [
    ['30', '2025-05-01'],
    ['18', '2025-09-01'],
  ]) {
    await measure.getByLabel('Nilai (menit)').fill(value);
    await measure.getByLabel('Tanggal pengukuran').fill(at);
    await measure.getByRole('button', { name: 'Catat pengukuran' }).click();
    await ind.getByRole('table', { name: 'Pengukuran Waktu antre loket' }).getByRole('cell', { name: value, exact: true }).waitFor();
  }
  await ind.getByRole('img', { name: 'Grafik Waktu antre loket' }).locator('svg').first().waitFor();
  const rows = await ind.getByRole('table', { name: 'Pengukuran Waktu antre loket' }).locator('tbody tr').allTextContents();
  expect(rows).toEqual([
    expect.stringMatching(/40Data dasar$/),
    expect.stringMatching(/30Pengukuran$/),
    expect.stringMatching(/18Pengukuran$/),
  ]);
  // 40 → 18 is −55 %, lower is better.
  await ind.getByText('−55 %').waitFor();
  await ind.getByText('membaik').waitFor();
  expect(await seriousViolations(u.page)).toEqual([]);

  // The innovation's roll-up, public.
  await u.page.goto(`/inovasi/${rep.innovationId}`);
  const impact = u.page.getByRole('region', { name: 'Dampak replikasi' });
  await impact.getByText(/Direplikasi \d+ kali/).waitFor();
  await impact.getByText(/Waktu penerbitan akta kelahiran: median −\d/).waitFor();
  expect(await seriousViolations(u.page)).toEqual([]);

  // And in the curator statistics.
  const k = await as('kurator');
  await k.page.goto('/kurator?tab=stats');
  const stats = k.page.getByRole('table', { name: 'Dampak per indikator di semua inovasi' });
  await stats.getByRole('cell', { name: 'Waktu antre loket (menit)' }).waitFor();
  await k.page.getByRole('img', { name: 'Dampak: median perubahan per indikator (%)' }).waitFor();
  await k.page.waitForLoadState('networkidle');
  expect(await seriousViolations(k.page)).toEqual([]);
  expect(scriptErrors(u.problems, k.problems)).toEqual([]);
}, 180_000);

test('a stage checklist blocks the move until its required items (one proven by an upload) are done; a curator overrides; the certificate verifies, then is revoked', async () => {
  const rep = await klampidMakassar();
  const u = await as('replikator.makassar');
  await u.page.goto(`/replikasi/${rep.id}`);
  await u.page.getByRole('heading', { name: 'Daftar periksa tahap' }).waitFor();
  await addItem(u.page, 'Pelaksanaan', 'Berita acara uji coba');
  await addItem(u.page, 'Pelaksanaan', 'SK tim pelaksana', { evidence: true });
  expect(await seriousViolations(u.page)).toEqual([]);

  await u.page.getByRole('button', { name: 'Pindah ke Evaluasi' }).click();
  const blocked = u.page.getByRole('alert').filter({ hasText: 'Belum dapat pindah ke Evaluasi' });
  await blocked.waitFor();
  expect(await blocked.locator('li').allTextContents()).toEqual(['Berita acara uji coba ', 'SK tim pelaksana (perlu bukti)']);
  expect(await seriousViolations(u.page)).toEqual([]);

  await u.page.getByRole('checkbox', { name: 'Berita acara uji coba' }).check();
  const sk = u.page.getByRole('checkbox', { name: 'SK tim pelaksana' });
  expect(await sk.isDisabled()).toBe(true);
  await u.page.getByLabel('Unggah bukti: SK tim pelaksana').setInputFiles({ name: 'sk-tim.pdf', mimeType: 'application/pdf', buffer: PDF });
  await u.page.getByRole('button', { name: 'Unduh bukti: SK tim pelaksana' }).waitFor();
  await sk.check();
  await u.page.getByText(/Pelaksanaan.*tahap saat ini.*[1-9]\d* dari \d+ selesai/).waitFor();
  await u.page.getByRole('button', { name: 'Pindah ke Evaluasi' }).click();
  await u.page.getByRole('status').filter({ hasText: 'Tahap diperbarui menjadi Evaluasi.' }).waitFor();

  // The playbook shows each stage's checklist state beside the text.
  await u.page.goto(`/playbooks/${rep.playbookId}`);
  const side = u.page.getByRole('region', { name: 'Daftar periksa per tahap' });
  await side.getByText('Semua butir wajib selesai').first().waitFor();
  await side.getByRole('link', { name: 'Kelola di halaman replikasi' }).waitFor();

  // A required item of EVALUATING stays open: the curator moves on anyway, with a reason.
  await u.page.goto(`/replikasi/${rep.id}`);
  await addItem(u.page, 'Evaluasi', 'Survei kepuasan final');
  const k = await as('kurator');
  await k.page.goto(`/replikasi/${rep.id}`);
  await k.page.getByRole('button', { name: 'Pindah ke Pelembagaan' }).click();
  const gate = k.page.getByRole('alert').filter({ hasText: 'Survei kepuasan final' });
  await gate.getByLabel('Alasan pengecualian').fill('Survei dijadwalkan ulang oleh BPS; regulasi sudah terbit.');
  await gate.getByRole('button', { name: 'Pindah ke Pelembagaan dengan pengecualian' }).click();
  await k.page.getByRole('status').filter({ hasText: 'Tahap dipindahkan ke Pelembagaan dengan pengecualian.' }).waitFor();
  await k.page.getByText(/Evaluasi → Pelembagaan oleh .*: Survei dijadwalkan ulang/).waitFor();
  const api = await apiAs(web.app, demo('kurator'));
  expect((await api.get(`/api/replications/${rep.id}`)).body.stage).toBe('INSTITUTIONALIZED');
  expect(await seriousViolations(k.page)).toEqual([]);

  // The certificate: downloaded, its code verifies publicly, then revoked.
  const [download] = await Promise.all([
    k.page.waitForEvent('download'),
    k.page.getByRole('button', { name: 'Unduh Sertifikat replikasi (PDF)' }).click(),
  ]);
  expect(
    readFileSync((await download.path())!)
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');
  const docs = k.page.getByRole('group', { name: 'Sertifikat replikasi' });
  await docs.getByText('sah', { exact: true }).waitFor();
  const code = (await docs.locator('.code').textContent())!;
  const verifyHref = await docs.getByRole('link', { name: 'Periksa keaslian Sertifikat replikasi' }).getAttribute('href');
  expect(verifyHref).toBe(`/api/verify/${code}`);
  expect(await seriousViolations(k.page)).toEqual([]);
  const visitor = await web.browser.newContext({ baseURL: web.app.baseUrl });
  const v = await visitor.newPage();
  await v.goto(verifyHref!);
  await v.getByText('Dokumen ini sah dan tercatat di JIPPNas.').waitFor();
  await v.getByText(code).waitFor();

  await docs.getByLabel('Alasan pencabutan Sertifikat replikasi').fill('Diterbitkan ganda.');
  await docs.getByRole('button', { name: 'Cabut Sertifikat replikasi' }).click();
  await docs.getByRole('status').filter({ hasText: 'Sertifikat replikasi dicabut.' }).waitFor();
  await docs.locator('.tag', { hasText: 'dicabut' }).waitFor();
  expect(await seriousViolations(k.page)).toEqual([]);
  await v.reload();
  await v.getByText('Dokumen ini telah dicabut dan tidak berlaku lagi.').waitFor();
  await visitor.close();
  expect(scriptErrors(u.problems, k.problems)).toEqual([]);
}, 180_000);

test('a curator starts a data refresh campaign; the origin unit confirms on /pemutakhiran; progress updates; unconfirmed innovations are flagged', async () => {
  const k = await as('kurator');
  await k.page.goto('/kurator?tab=campaigns');
  const form = k.page.getByRole('form', { name: 'Kampanye pemutakhiran baru' });
  await form.getByLabel('Judul kampanye').fill('Pemutakhiran Surabaya 2026');
  await form.getByLabel('Kode wilayah (mis. 73 atau 73.71)').fill('35.78');
  expect(await seriousViolations(k.page)).toEqual([]);
  await form.getByRole('button', { name: 'Mulai kampanye' }).click();
  const started = await k.page
    .getByRole('status')
    .filter({ hasText: /Kampanye dimulai: \d+ inovasi ditanyakan\./ })
    .textContent();
  const total = Number(/(\d+) inovasi/.exec(started!)![1]);
  expect(total).toBeGreaterThan(0);
  await k.page.getByRole('progressbar', { name: `0 dari ${total} dikonfirmasi` }).waitFor();

  const s = await as('inovator.surabaya');
  await s.page.goto('/pemutakhiran');
  await s.page.getByRole('heading', { name: 'Pemutakhiran data inovasi', level: 1 }).waitFor();
  // The first request in the list's order, then that card by its title (a locator re-resolves).
  const title = (await s.page.locator('section.card').first().getByRole('heading', { level: 2 }).textContent())!;
  const first = s.page.locator('section.card').filter({ has: s.page.getByRole('heading', { name: title, level: 2 }) });
  await first.getByLabel('Keberlanjutan').selectOption('berkembang');
  await first.getByLabel('Nama kontak').fill('Dewi Lestari');
  await first.getByLabel('Email kontak').fill('dewi@surabaya.go.id');
  expect(await seriousViolations(s.page)).toEqual([]);
  await first.getByRole('button', { name: 'Konfirmasi data' }).click();
  await s.page
    .getByRole('status')
    .filter({ hasText: `Data ${title} dikonfirmasi.` })
    .waitFor();
  // The confirmed request leaves the list once it is fetched again.
  await s.page.getByRole('heading', { name: title, level: 2 }).waitFor({ state: 'detached' });

  await k.page.reload();
  await k.page.getByRole('progressbar', { name: `1 dari ${total} dikonfirmasi` }).waitFor();
  await k.page.getByRole('link', { name: 'Rincian: Pemutakhiran Surabaya 2026' }).click();
  const items = k.page.getByRole('table', { name: 'Inovasi dalam kampanye' });
  await items.getByRole('row', { name: new RegExp(`${title}.*dikonfirmasi`) }).waitFor();
  expect(await seriousViolations(k.page)).toEqual([]);

  // The deadline passing (the campaign timer, tested in the API suite) flags the rest; shown on page and card.
  const [other] = await web.app
    .em()
    .execute<{ id: string; title: string }[]>(
      `select i.id, i.title from refresh_campaign_items c join innovations i on i.id = c.innovation_id where c.confirmed_at is null limit 1`,
    );
  await web.app.em().execute(`update innovations set unverified_since = '2026-01-05T00:00:00Z' where id = ?`, [other.id]);
  await k.page.goto(`/inovasi/${other.id}`);
  await k.page.getByText('Belum diverifikasi sejak 5 Jan 2026').waitFor();
  await k.page.goto(`/katalog?q=${encodeURIComponent(other.title)}`);
  await k.page.getByRole('listitem').filter({ hasText: other.title }).getByText('Belum diverifikasi sejak 5 Jan 2026').first().waitFor();
  expect(await seriousViolations(k.page)).toEqual([]);
  expect(scriptErrors(k.problems, s.problems)).toEqual([]);
}, 180_000);

test('the facilitator’s hub lists the replications it supports with stages, checklists and indicators, and exports them', async () => {
  const [bappeda] = await web.app
    .em()
    .execute<{ id: string; name: string }[]>(`select id, name from units where name ilike 'Badan Perencanaan%Jawa Tengah'`);
  const f = await as('fasilitator.jateng');
  await f.page.getByRole('link', { name: 'Hub' }).click();
  await f.page.getByRole('link', { name: bappeda.name }).click();
  await f.page.getByRole('heading', { name: `Hub: ${bappeda.name}` }).waitFor();
  const table = f.page.getByRole('table', { name: 'Replikasi dan pendampingan yang didukung' });
  const row = table
    .getByRole('row')
    .filter({ hasText: /Klampid/i })
    .first();
  await row.getByText(/Waktu penerbitan akta kelahiran: −\d/).waitFor();
  await row.getByText(/\d+\/\d+ \(\d+ wajib terbuka\)/).waitFor();
  expect(await seriousViolations(f.page)).toEqual([]);
  const [download] = await Promise.all([f.page.waitForEvent('download'), f.page.getByRole('button', { name: 'Unduh CSV' }).click()]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.split('\n').length).toBeGreaterThan(1);
  expect(csv).toMatch(/klampid/i);
  expect(scriptErrors(f.problems)).toEqual([]);
}, 120_000);
