import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitUntil } from '@app/testing';
import { apiAs, demo, PHONE, scriptErrors, seriousViolations, webSuite } from './part2.support';

/** Kurator and Admin in Chromium against the real app. */
const web = webSuite();
const as = web.as;

test('a curator imports a file with bad rows, reads the report and downloads it; creates and edits an innovation; reads statistics', async () => {
  const api = await apiAs(web.app, demo('kurator'));
  const unitId = (await api.get('/api/me')).body.memberships[0].unitId as string;
  const dir = mkdtempSync(join(tmpdir(), 'jk-import-'));
  const file = join(dir, 'inovasi.csv');
  writeFileSync(
    file,
    [
      'title,summary,unitId,source,year,tags',
      `Antrean Daring Puskesmas,Ambil nomor antrean dari rumah.,${unitId},KIPP,2022,kesehatan`,
      `Tahun Salah,Ringkasan.,${unitId},KIPP,1800,`,
      `Sumber Salah,Ringkasan.,${unitId},BUKAN,2021,`,
      `,Tanpa judul.,00000000-0000-4000-8000-000000000000,IGA,2020,`,
    ].join('\n'),
  );
  const u = await as('kurator');
  await u.page.goto('/kurator?tab=import');
  await u.page.getByLabel('Seret berkas CSV, JSON atau XLSX ke sini, atau pilih berkas').setInputFiles(file);
  expect(await seriousViolations(u.page)).toEqual([]);
  await u.page.getByRole('button', { name: 'Impor', exact: true }).click();
  const report = u.page.getByRole('region', { name: 'Laporan impor' });
  await report.getByText(/1 dibuat, 0 diperbarui, \d+ masalah/).waitFor();
  const table = report.getByRole('table', { name: 'Baris yang gagal' });
  const rows = await table.locator('tbody tr').allTextContents();
  expect(rows.some((r) => r.startsWith('2') && /year/i.test(r))).toBe(true);
  expect(rows.some((r) => r.startsWith('3') && /source/i.test(r))).toBe(true);
  expect(rows.some((r) => r.startsWith('4'))).toBe(true);
  expect(await seriousViolations(u.page)).toEqual([]);
  const [download] = await Promise.all([
    u.page.waitForEvent('download'),
    report.getByRole('button', { name: 'Unduh laporan (CSV)' }).click(),
  ]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv).toContain('created,1');
  expect(csv).toMatch(/\n2,[^\n]*year/i);

  // Create, then edit.
  await u.page.getByRole('tab', { name: 'Inovasi' }).click();
  await u.page.getByLabel('Judul').fill('Posyandu Digital Kelurahan');
  await u.page.getByLabel('Ringkasan').fill('Pencatatan tumbuh kembang balita di posyandu lewat ponsel kader.');
  const agency = (await api.get(`/api/units/${unitId}`)).body as { agencyId: string };
  await u.page.getByLabel('Nama instansi').selectOption(agency.agencyId);
  await u.page.getByLabel('Unit asal').selectOption(unitId);
  await u.page.getByLabel('Label, dipisah koma (opsional)').fill('kesehatan, balita');
  expect(await seriousViolations(u.page)).toEqual([]);
  await u.page.getByRole('button', { name: 'Simpan' }).click();
  await u.page.getByRole('status').filter({ hasText: 'Inovasi disimpan.' }).waitFor();
  await u.page.getByLabel('Cari', { exact: true }).fill('Posyandu Digital');
  await u.page.getByRole('button', { name: 'Sunting: Posyandu Digital Kelurahan' }).click();
  await u.page.getByRole('heading', { name: 'Sunting inovasi: Posyandu Digital Kelurahan' }).waitFor();
  await u.page.getByLabel('Urusan (opsional)').fill('kesehatan');
  await u.page.getByRole('button', { name: 'Simpan' }).click();
  await u.page.getByRole('status').filter({ hasText: 'Inovasi disimpan.' }).waitFor();
  const found = (await api.get('/api/innovations?q=posyandu%20digital&limit=1')).body.items[0] as { sector: string; tags: string[] };
  expect(found).toMatchObject({ sector: 'kesehatan', tags: ['kesehatan', 'balita'] });

  // Statistics: charts with numbers on the bars, the data as tables too.
  await u.page.getByRole('tab', { name: 'Statistik' }).click();
  await u.page.getByRole('img', { name: 'Replikasi menurut tahap' }).waitFor();
  await u.page.getByRole('img', { name: 'Replikasi menurut wilayah' }).waitFor();
  await u.page.getByRole('img', { name: 'Replikasi menurut inovasi' }).waitFor();
  await u.page.getByRole('heading', { name: 'Replikasi dari waktu ke waktu' }).waitFor();
  await u.page.waitForLoadState('networkidle');
  expect(await seriousViolations(u.page)).toEqual([]);
  expect(scriptErrors(u.problems)).toEqual([]);
}, 180_000);

test('an admin finds agencies, adds an agency and a unit, manages members and their unit roles, and platform roles', async () => {
  const u = await as('admin', PHONE);
  await u.page.goto('/admin');
  await u.page.getByLabel('Cari instansi atau unit').fill('Makassar');
  const agencyButton = u.page.getByRole('button', { name: /Makassar/ }).first();
  await agencyButton.click();
  await u.page
    .getByRole('button', { name: /Kelola anggota: / })
    .first()
    .waitFor();
  expect(await seriousViolations(u.page)).toEqual([]);

  await u.page.getByLabel('Cari instansi atau unit').fill('');
  await u.page.getByLabel('Nama instansi').fill('Pemerintah Kota Parepare');
  await u.page.getByLabel('Jenis').selectOption('city');
  await u.page.getByLabel('Kode wilayah (opsional)').fill('73.72');
  await u.page.getByRole('form', { name: 'Instansi baru' }).getByRole('button', { name: 'Tambah', exact: true }).click();
  await u.page.getByRole('status').filter({ hasText: 'Pemerintah Kota Parepare ditambahkan.' }).waitFor();
  await u.page.getByLabel('Unit baru di Pemerintah Kota Parepare').fill('Dinas Kesehatan');
  await u.page
    .locator('.units', { has: u.page.getByLabel('Unit baru di Pemerintah Kota Parepare') })
    .getByRole('button', { name: 'Tambah', exact: true })
    .click();
  await u.page.getByRole('button', { name: 'Kelola anggota: Dinas Kesehatan' }).click();
  await u.page.getByText('Unit ini belum memiliki anggota.').waitFor();

  // Add a member by id (people search is used when the server offers it), make them unit admin, remove.
  const sleman = await apiAs(web.app, demo('replikator.sleman'));
  await u.page.getByLabel('ID pengguna').fill(sleman.user.id);
  await u.page.getByRole('button', { name: 'Tambahkan ke unit' }).click();
  const role = u.page.getByLabel(`Peran di unit: ${sleman.user.name}`);
  await role.waitFor();
  // The role is saved by the change itself: wait for that request's answer.
  await Promise.all([
    u.page.waitForResponse((r) => r.url().includes('/members') && r.request().method() === 'POST' && r.ok()),
    role.selectOption('admin'),
  ]);
  const unitId = new URL(u.page.url()).searchParams.get('unit')!;
  const members = (await sleman.get(`/api/units/${unitId}/members`)).body as { userId: string; role: string }[];
  expect(members).toEqual([expect.objectContaining({ userId: sleman.user.id, role: 'admin' })]);
  expect(await seriousViolations(u.page)).toEqual([]);

  // Platform roles: from the member list to the roles tab. The form starts from the roles the
  // person has (a curator already), so saving adds moderator and drops nothing.
  const admin = await apiAs(web.app, demo('admin'));
  expect((await admin.put(`/api/users/${sleman.user.id}/roles`, { roles: ['user', 'curator'] })).status).toBe(200);
  await u.page.getByRole('button', { name: sleman.user.name, exact: true }).click();
  await u.page.getByRole('group', { name: `Peran platform ${sleman.user.name}` }).waitFor();
  await waitUntil(() => u.page.getByLabel('Kurator').isChecked(), 'the current curator role ticked');
  await u.page.getByLabel('Moderator').check();
  await u.page.getByRole('button', { name: 'Simpan peran' }).click();
  await u.page
    .getByRole('status')
    .filter({ hasText: `Peran ${sleman.user.name} disimpan.` })
    .waitFor();
  expect((await (await apiAs(web.app, demo('replikator.sleman'))).get('/api/me')).body.roles.sort()).toEqual([
    'curator',
    'moderator',
    'user',
  ]);
  expect(await seriousViolations(u.page)).toEqual([]);

  await u.page.getByRole('tab', { name: 'Anggota unit' }).click();
  await u.page.getByRole('button', { name: `Keluarkan ${sleman.user.name}` }).click();
  await u.page.getByText('Unit ini belum memiliki anggota.').waitFor();
  expect(scriptErrors(u.problems)).toEqual([]);
}, 180_000);
