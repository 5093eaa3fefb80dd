import { readFileSync } from 'node:fs';
import { apiAs, demo, PHONE, scriptErrors, seriousViolations, webSuite } from './part2.support';

/**
 * Pendampingan in Chromium against the real app: the replicating team proposes, the mentor
 * accepts, schedules and records a session (with its .ics), completes it, the team rates it;
 * the unit dashboard, the curators' national overview, and the facilitator's day.
 */
const web = webSuite();
const as = web.as;

test('a mentorship goes from proposal to completion with a session and its .ics, then feedback', async () => {
  const kukarApi = await apiAs(web.app, demo('replikator.kukar'));
  const unitId = (await kukarApi.get('/api/me')).body.memberships[0].unitId as string;
  const innovation = (await kukarApi.get('/api/innovations?q=pasar%20desa%20daring&limit=1')).body.items[0] as {
    id: string;
    title: string;
  };
  const rep = await kukarApi.post(`/api/innovations/${innovation.id}/replications`, { replicatingUnitId: unitId, model: 'mandiri' });
  expect(rep.status).toBe(201);

  // The replicating team proposes from its unit dashboard.
  const team = await as('replikator.kukar');
  await team.page.goto('/pendampingan/dasbor');
  await team.page.getByRole('heading', { name: /Dasbor pendampingan/ }).waitFor();
  await team.page.waitForLoadState('networkidle');
  expect(await seriousViolations(team.page)).toEqual([]);
  await team.page.getByRole('link', { name: `Usulkan pendampingan: ${innovation.title}` }).click();
  await team.page.getByLabel(/Bayu Pratama/).check();
  await team.page.getByLabel('Tujuan dan tonggak').fill('Lapak pertama tayang daring\nPelatihan 20 UMKM');
  expect(await seriousViolations(team.page)).toEqual([]);
  await team.page.getByRole('button', { name: 'Usulkan pendampingan' }).click();
  await team.page.waitForURL(/\/pendampingan\/[0-9a-f-]{36}$/);
  await team.page.locator('.stage', { hasText: 'Diusulkan' }).waitFor();
  const mentorshipUrl = new URL(team.page.url()).pathname;

  // The mentor (origin unit) accepts, on a phone.
  const mentor = await as('inovator.banyuwangi', PHONE);
  await mentor.page.goto(mentorshipUrl);
  await mentor.page.getByRole('button', { name: 'Mulai / lanjutkan' }).click();
  await mentor.page.getByRole('status').filter({ hasText: 'Status sekarang: Berjalan.' }).waitFor();
  // Schedule a field visit.
  await mentor.page.getByLabel('Bentuk').selectOption('field_visit');
  await mentor.page.getByLabel('Agenda').fill('Kunjungan awal ke pasar desa');
  await mentor.page.getByRole('button', { name: 'Jadwalkan sesi' }).click();
  const session = mentor.page.locator('li.session', { hasText: 'Kunjungan awal ke pasar desa' });
  await session.waitFor();
  expect(await session.getByRole('link', { name: 'Tambahkan ke kalender' }).getAttribute('href')).toMatch(
    /^https:\/\/calendar\.google\.com\/calendar\/render\?action=TEMPLATE/,
  );
  const [download] = await Promise.all([mentor.page.waitForEvent('download'), session.getByRole('button', { name: 'Unduh .ics' }).click()]);
  const ics = readFileSync((await download.path())!, 'utf8');
  expect(ics).toContain('BEGIN:VCALENDAR');
  expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
  expect(download.suggestedFilename()).toMatch(/\.ics$/);
  expect(await seriousViolations(mentor.page)).toEqual([]);
  // Record the session: notes, outcome, attendance.
  await session.getByRole('button', { name: 'Catat hasil sesi' }).click();
  await session.getByLabel('Catatan').fill('Lapak dibuka, 12 pedagang hadir.');
  await session.getByLabel('Hasil').fill('Sepakat uji coba dua minggu.');
  await session.getByLabel(/Rudi Hartono/).check();
  await session.getByRole('button', { name: 'Simpan catatan' }).click();
  await mentor.page
    .locator('li.session', { hasText: 'Lapak dibuka, 12 pedagang hadir.' })
    .getByText(/Terlaksana/)
    .waitFor();
  // Goals: mark one done; progress follows.
  await mentor.page.getByLabel('Status tujuan Lapak pertama tayang daring').selectOption('done');
  await mentor.page.getByText('1 dari 2 tujuan tercapai').first().waitFor();
  await mentor.page.getByText('1 sesi terlaksana').waitFor();
  await mentor.page.getByRole('button', { name: 'Tandai selesai' }).click();
  await mentor.page.getByRole('status').filter({ hasText: 'Status sekarang: Selesai.' }).waitFor();

  // The team rates it after completion.
  await team.page.reload();
  await team.page.locator('.stage', { hasText: 'Selesai' }).first().waitFor();
  await team.page.getByLabel('5 dari 5').check();
  await team.page.getByLabel('Komentar (opsional)').fill('Sangat membantu.');
  await team.page.getByRole('button', { name: 'Kirim umpan balik' }).click();
  await team.page.getByText('Terima kasih atas umpan balik Anda.').waitFor();
  expect(await seriousViolations(team.page)).toEqual([]);
  await team.page.goto('/pendampingan/dasbor');
  await team.page
    .getByRole('region', { name: 'Sebagai yang didampingi (replikator)' })
    .getByRole('link', { name: innovation.title })
    .waitFor();

  // The curator reads the national overview with its charts and their tables.
  const curator = await as('kurator');
  await curator.page.goto('/pendampingan/nasional');
  await curator.page.getByRole('heading', { name: 'Menurut status' }).waitFor();
  await curator.page.getByRole('img', { name: 'Menurut provinsi unit replikator' }).waitFor();
  await curator.page.waitForLoadState('networkidle');
  expect(await seriousViolations(curator.page)).toEqual([]);
  expect(scriptErrors(team.problems, mentor.problems, curator.problems)).toEqual([]);
}, 180_000);

test('the facilitator follows the replication they facilitate: its mentoring dashboard and a thread of its own', async () => {
  const fac = await apiAs(web.app, demo('fasilitator.jateng'));
  const me = (await fac.get('/api/me')).body as { memberships: { unitId: string }[] };
  const reps = (await fac.get(`/api/replications?unitId=${me.memberships[0].unitId}`)).body.items as {
    id: string;
    facilitatorUnitId: string | null;
  }[];
  const facilitated = reps.find((r) => r.facilitatorUnitId === me.memberships[0].unitId) ?? reps[0];
  const u = await as('fasilitator.jateng', PHONE);
  await u.page.goto(`/pendampingan/dasbor?unit=${me.memberships[0].unitId}`);
  await u.page.getByRole('heading', { name: /Dasbor pendampingan:/ }).waitFor();
  await u.page.getByRole('region', { name: 'Sebagai pendamping (unit asal)' }).waitFor();
  expect(await seriousViolations(u.page)).toEqual([]);
  await u.page.goto(`/diskusi?replikasi=${facilitated.id}`);
  await u.page.getByLabel('Judul').fill('Jadwal pendampingan lapangan');
  await u.page.getByLabel('Isi tanggapan (Markdown)').fill('Usul kunjungan minggu depan.');
  await u.page.getByRole('button', { name: 'Buat diskusi' }).click();
  await u.page.getByRole('heading', { name: 'Jadwal pendampingan lapangan' }).waitFor();
  expect(await seriousViolations(u.page)).toEqual([]);
  expect(scriptErrors(u.problems)).toEqual([]);
}, 120_000);
