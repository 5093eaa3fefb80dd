import { apiAs, demo, PHONE, scriptErrors, seriousViolations, webSuite } from './part2.support';

/**
 * Diskusi and Moderasi in Chromium against the real app: the innovator answers with a mention,
 * the replicating team marks the answer, a moderator handles a flag from the queue and its author
 * reads the reason live, a suspended user is told why they cannot post.
 */
const web = webSuite({ DISCUSSION_POSTS_PER_MINUTE: '1000' });
const as = web.as;
let innovationId: string;

beforeAll(async () => {
  const anyone = await apiAs(web.app, demo('replikator.makassar'));
  innovationId = (await anyone.get('/api/innovations?q=klampid&limit=1')).body.items[0].id;
}, 90_000);

const thread = async (who: string, title: string, body: string) => {
  const api = await apiAs(web.app, demo(who));
  const res = await api.post('/api/threads', { innovationId, title, body });
  expect(res.status).toBe(201);
  return res.body as { id: string; firstPostId: string };
};

test('innovator answers a question with a mention; the replicating team sees it live, reacts and marks it the answer', async () => {
  // The replicating team starts the thread in the browser, from the innovation's discussions.
  const team = await as('replikator.makassar');
  await team.page.goto(`/diskusi?inovasi=${innovationId}`);
  await team.page.getByRole('heading', { name: 'Mulai diskusi baru' }).waitFor();
  expect(await seriousViolations(team.page)).toEqual([]);
  await team.page.getByLabel('Judul').fill('Bagaimana menyiapkan data kependudukan?');
  await team.page.getByLabel('Isi tanggapan (Markdown)').fill('Kami mulai bulan depan. Data apa yang **harus** siap?');
  await team.page.getByRole('button', { name: 'Pratinjau' }).click();
  await team.page.locator('.preview strong', { hasText: 'harus' }).waitFor();
  await team.page.getByRole('button', { name: 'Buat diskusi' }).click();
  await team.page.getByRole('heading', { name: 'Bagaimana menyiapkan data kependudukan?' }).waitFor();
  const threadId = team.page.url().split('/diskusi/')[1];

  const innovator = await as('inovator.surabaya');
  await innovator.page.goto(`/diskusi/${threadId}`);
  const box = innovator.page.getByLabel('Isi tanggapan (Markdown)');
  await box.fill('Siapkan NIK dan KK. ');
  await box.pressSequentially('@And');
  // The autocomplete offers the thread's participants (or, with GET /api/users, anyone found).
  const option = innovator.page.getByRole('option', { name: /Andi Nurhaliza/ });
  await option.waitFor();
  expect(await seriousViolations(innovator.page)).toEqual([]);
  await box.press('Enter');
  await box.pressSequentially('silakan hubungi kami.');
  expect(await box.inputValue()).toMatch(/@\[Andi Nurhaliza[^\]]*\]\([0-9a-f-]{36}\) silakan/);
  await innovator.page.getByRole('button', { name: 'Kirim', exact: true }).click();
  await innovator.page.locator('.post a.mention', { hasText: '@Andi Nurhaliza' }).waitFor();

  // Live on the team's page: the answer appears without reloading.
  const answer = team.page.locator('article.post', { hasText: 'Siapkan NIK dan KK.' });
  await answer.waitFor();
  await answer.getByRole('button', { name: 'Setuju', exact: true }).click();
  await answer.getByRole('button', { name: 'Tandai sebagai jawaban' }).click();
  await team.page.locator('.tag', { hasText: 'Terjawab' }).waitFor();
  // The reaction reaches the innovator live (post:updated), as does the answered mark (thread:updated).
  await innovator.page
    .locator('article.post', { hasText: 'Siapkan NIK dan KK.' })
    .getByRole('button', { name: 'Setuju 1', exact: true })
    .waitFor();
  await innovator.page.locator('.tag', { hasText: 'Terjawab' }).waitFor();
  // A reply one level deep, then the innovator edits their answer and reads its history.
  await answer.getByRole('button', { name: 'Balas', exact: true }).click();
  await team.page.getByLabel('Isi tanggapan (Markdown)').fill('Terima kasih, sudah jelas.');
  await team.page.getByRole('button', { name: 'Kirim', exact: true }).click();
  await team.page.locator('ol.replies article.post', { hasText: 'Terima kasih, sudah jelas.' }).waitFor();
  const mine = innovator.page.locator('article.post', { hasText: 'Siapkan NIK dan KK.' });
  await mine.getByRole('button', { name: 'Sunting', exact: true }).click();
  // While editing, the post shows the editor instead of its text: find it by its save button.
  const editing = innovator.page.locator('article.post', { has: innovator.page.getByRole('button', { name: 'Simpan suntingan' }) });
  await editing.getByLabel('Sunting').fill('Siapkan NIK dan KK, juga akta kelahiran.');
  await editing.getByRole('button', { name: 'Simpan suntingan' }).click();
  await innovator.page
    .locator('article.post', { hasText: 'juga akta kelahiran' })
    .getByRole('button', { name: 'Riwayat suntingan' })
    .click();
  await innovator.page.getByRole('dialog', { name: 'Riwayat suntingan' }).getByText('silakan hubungi kami').waitFor();
  expect(await seriousViolations(innovator.page)).toEqual([]);
  await innovator.page.keyboard.press('Escape');
  // Follow from the team's side.
  await team.page.getByRole('button', { name: 'Berhenti mengikuti' }).click();
  await team.page.getByRole('button', { name: 'Ikuti', exact: true }).waitFor();
  expect(scriptErrors(team.problems)).toEqual([]);
  expect(scriptErrors(innovator.problems)).toEqual([]);
}, 120_000);

test('a moderator handles a flagged post from the queue; its author sees the reason live, others the hidden notice', async () => {
  const th = await thread('replikator.makassar', 'Jadwal pelatihan petugas', 'Kapan pelatihan dimulai?');
  const sleman = await apiAs(web.app, demo('replikator.sleman'));
  const bad = await sleman.post(`/api/threads/${th.id}/posts`, { body: 'Beli obat murah di situs kami!' });
  expect(bad.status).toBe(201);
  const moderator = await apiAs(web.app, demo('moderator'));
  const modOwn = await moderator.post(`/api/threads/${th.id}/posts`, { body: 'Mohon tetap pada topik.' });
  expect(modOwn.status).toBe(201);

  // The replicating team flags it through the dialog.
  const team = await as('replikator.makassar', PHONE);
  await team.page.goto(`/diskusi/${th.id}`);
  const badPost = team.page.locator('article.post', { hasText: 'Beli obat murah' });
  await badPost.getByRole('button', { name: 'Laporkan' }).click();
  const dialog = team.page.getByRole('dialog', { name: 'Laporkan tulisan' });
  await dialog.getByLabel('Spam atau promosi').check();
  await dialog.getByLabel('Catatan untuk moderator (opsional)').fill('Iklan obat');
  expect(await seriousViolations(team.page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Kirim laporan' }).click();
  await dialog.getByText('Laporan Anda diteruskan ke moderator.').waitFor();
  await team.page.keyboard.press('Escape');

  // Its author has the thread open.
  const author = await as('replikator.sleman');
  await author.page.goto(`/diskusi/${th.id}`);
  await author.page.locator('article.post', { hasText: 'Beli obat murah' }).waitFor();

  const mod = await as('moderator');
  await mod.page.goto('/moderasi');
  const item = mod.page.locator('.queue-item', { hasText: 'Beli obat murah' });
  await item.getByText('Iklan obat').waitFor();
  expect(await seriousViolations(mod.page)).toEqual([]);
  await item.getByRole('button', { name: 'Tangani' }).click();
  await item.getByLabel('Alasan (dikirim ke penulis)').fill('Promosi komersial tidak diperbolehkan.');
  await item.getByRole('button', { name: 'Sembunyikan tulisan' }).click();
  // Resolved: it leaves the unresolved queue.
  await item.waitFor({ state: 'detached' });

  // Live: the author reads their own text and the reason; the team reads only the hidden notice.
  const own = author.page.locator('article.post', { hasText: 'Beli obat murah' });
  await own.getByText('Alasan: Promosi komersial tidak diperbolehkan.').waitFor();
  await own.getByText('Tulisan Anda disembunyikan moderator').waitFor();
  expect(await seriousViolations(author.page)).toEqual([]);
  await team.page.getByText('Tulisan ini disembunyikan oleh moderator.').waitFor();
  expect(await team.page.locator('article.post', { hasText: 'Beli obat murah' }).count()).toBe(0);

  // In the thread, the moderator's own post shows no moderation action; others' posts do.
  await mod.page.goto(`/diskusi/${th.id}`);
  const modPost = mod.page.locator('article.post', { hasText: 'Mohon tetap pada topik.' });
  await modPost.waitFor();
  expect(await modPost.getByRole('button', { name: 'Sembunyikan', exact: true }).count()).toBe(0);
  await mod.page
    .locator('article.post', { hasText: 'Kapan pelatihan dimulai?' })
    .getByRole('button', { name: 'Sembunyikan', exact: true })
    .waitFor();
  await mod.page.locator('article.post', { hasText: 'Beli obat murah' }).getByRole('button', { name: 'Pulihkan' }).waitFor();
  // Thread tools: lock, and the team sees the lock explained in place, live.
  await mod.page.getByRole('button', { name: 'Kunci diskusi' }).click();
  await team.page.getByText('Diskusi ini dikunci moderator.').waitFor();
  expect(await team.page.getByLabel('Isi tanggapan (Markdown)').count()).toBe(0);
  // The audit log shows the hide, filtered by action.
  await mod.page.goto('/moderasi');
  await mod.page.getByRole('tab', { name: 'Log audit' }).click();
  await mod.page.getByLabel('Tindakan').selectOption('post.hide');
  await mod.page.getByRole('button', { name: 'Saring' }).click();
  await mod.page.getByRole('cell', { name: 'Promosi komersial tidak diperbolehkan.' }).waitFor();
  expect(await seriousViolations(mod.page)).toEqual([]);
}, 120_000);

test('a suspended user sees in place why they cannot post, until when and why', async () => {
  const th = await thread('replikator.makassar', 'Evaluasi triwulan', 'Mari kita bahas hasil triwulan.');
  const mod = await as('moderator');
  await mod.page.goto('/moderasi');
  // Suspend from the moderator screen: the flagged author's suspensions panel.
  const kukar = await apiAs(web.app, demo('replikator.kukar'));
  const p = await kukar.post(`/api/threads/${th.id}/posts`, { body: 'Tulisan kasar sekali.' });
  const team = await apiAs(web.app, demo('replikator.makassar'));
  expect((await team.post(`/api/posts/${p.body.id}/flags`, { reason: 'abuse' })).status).toBe(201);
  await mod.page.reload();
  const item = mod.page.locator('.queue-item', { hasText: 'Tulisan kasar sekali.' });
  await item.locator('summary').click();
  await item.getByLabel('Alasan penangguhan').fill('Berulang kali berkata kasar.');
  await item.getByRole('button', { name: 'Tangguhkan', exact: true }).click();
  await item.getByText('Pengguna ditangguhkan hingga').waitFor();
  await item.getByText('Aktif').waitFor();

  const user = await as('replikator.kukar', PHONE);
  await user.page.goto(`/diskusi/${th.id}`);
  const alert = user.page.getByRole('alert').filter({ hasText: 'Akun Anda ditangguhkan hingga' });
  await alert.waitFor();
  await alert.getByText('Alasan penangguhan: Berulang kali berkata kasar.').waitFor();
  expect(await alert.textContent()).toMatch(/sisa \d+ (jam|menit|hari)/);
  expect(await user.page.getByLabel('Isi tanggapan (Markdown)').count()).toBe(0);
  expect(await seriousViolations(user.page)).toEqual([]);
  // The server agrees: posting is refused with the contract's code.
  expect((await kukar.post(`/api/threads/${th.id}/posts`, { body: 'coba' })).body.code).toBe('USER_SUSPENDED');
}, 120_000);
