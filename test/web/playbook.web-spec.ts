/// <reference lib="dom" />
// (page.evaluate callbacks run in the browser)
import type { Page } from 'playwright-core';
import { apiAs, demo, editorOf, seriousViolations, signIn, type UserPage, webSuite } from './support';

/**
 * The playbook editor in Chromium: two users of two agencies co-editing, presence, saved status,
 * a viewer, access removed while open, and restore reaching the other page live.
 */
const web = webSuite();
let playbookId: string;
let makassarApi: Awaited<ReturnType<typeof apiAs>>;
let makassar: UserPage;
let surabaya: UserPage;

beforeAll(async () => {
  // A fresh replication: Dinkes Makassar (replicating) adopts a Surabaya innovation (origin).
  makassarApi = await apiAs(web.app, demo('replikator.makassar'));
  const me = (await makassarApi.get('/api/me')).body as { memberships: { unitId: string }[] };
  const innovation = (await web.app.http().get('/api/innovations?q=lahir%20procot&limit=1')).body.items[0] as { id: string };
  const rep = await makassarApi.post(`/api/innovations/${innovation.id}/replications`, { replicatingUnitId: me.memberships[0].unitId });
  expect(rep.status).toBe(201);
  playbookId = rep.body.playbookId as string;
  makassar = await signIn(web.browser, web.app.baseUrl, demo('replikator.makassar'));
  surabaya = await signIn(web.browser, web.app.baseUrl, demo('inovator.surabaya'));
  web.track(makassar, surabaya);
}, 90_000);

/** The document's text as the user reads it (other people's caret labels left out). */
const textOf = (page: Page) =>
  editorOf(page).evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collab-caret').forEach((c) => c.remove());
    return (copy.innerText ?? copy.textContent ?? '').replace(/\n{3,}/g, '\n\n').trim();
  });
const saved = (page: Page) => page.getByRole('status').filter({ hasText: 'Tersimpan' }).waitFor({ timeout: 20_000 });

/** Types at the end of the document (a new paragraph), as a person would. */
async function typeAtEnd(page: Page, text: string) {
  const editor = editorOf(page);
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(text, { delay: 10 });
}

async function until(page: Page, fn: (text: string) => boolean, what: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const text = await textOf(page);
    if (fn(text)) return text;
    if (Date.now() > deadline) throw new Error(`${what}; editor holds: ${text}`);
    await page.waitForTimeout(100); // polling the page's own text; the wait is on its content
  }
}

test('two users of two agencies co-edit one playbook and converge, each seeing the other by name; both read Tersimpan', async () => {
  for (const u of [makassar, surabaya]) {
    await u.page.goto(`/playbooks/${playbookId}`);
    await editorOf(u.page).waitFor();
    await u.page.getByText('Persiapan', { exact: true }).first().waitFor(); // the seeded content arrived
  }
  const presence = (page: Page) => page.getByRole('list', { name: 'Sedang menyunting' });
  await presence(makassar.page).getByRole('listitem').filter({ hasText: 'Surabaya' }).waitFor();
  await presence(surabaya.page).getByRole('listitem').filter({ hasText: 'Andi Nurhaliza' }).waitFor();
  expect(await presence(makassar.page).getByRole('listitem').count()).toBe(1);

  // One after the other at the same spot (simultaneous typing at one position interleaves letters,
  // as in any CRDT editor); each page sees the other's text arrive live.
  await typeAtEnd(makassar.page, 'Catatan dari Makassar.');
  await until(surabaya.page, (t) => t.includes('Catatan dari Makassar.'), 'Surabaya sees Makassar');
  await typeAtEnd(surabaya.page, 'Catatan dari Surabaya.');
  const both = (t: string) => t.includes('Catatan dari Makassar.') && t.includes('Catatan dari Surabaya.');
  const [a, b] = await Promise.all([until(makassar.page, both, 'Makassar converges'), until(surabaya.page, both, 'Surabaya converges')]);
  expect(a).toBe(b);
  await Promise.all([saved(makassar.page), saved(surabaya.page)]);
  // Stored on the server, not only relayed: the export reads it.
  const md = await makassarApi.get(`/api/playbooks/${playbookId}/export?format=md`);
  expect(md.text).toContain('Catatan dari Makassar.');
  expect(md.text).toContain('Catatan dari Surabaya.');
  expect(await seriousViolations(makassar.page)).toEqual([]);
}, 90_000);

test("a viewer's editor is read-only; when access is removed while open, the page says so", async () => {
  expect((await makassarApi.patch(`/api/playbooks/${playbookId}`, { visibility: 'public' })).status).toBe(200);
  const viewer = await signIn(web.browser, web.app.baseUrl, demo('replikator.sleman'));
  web.track(viewer);
  await viewer.page.goto(`/playbooks/${playbookId}`);
  const editor = editorOf(viewer.page);
  await editor.waitFor();
  await until(viewer.page, (t) => t.includes('Catatan dari Makassar.'), 'viewer sees the content');
  expect(await editor.getAttribute('aria-readonly')).toBe('true');
  expect(await editor.getAttribute('contenteditable')).toBe('false');
  await viewer.page.getByText('Mode baca saja').waitFor();
  expect(await viewer.page.getByRole('toolbar', { name: 'Format teks' }).count()).toBe(0);
  expect(await seriousViolations(viewer.page)).toEqual([]);

  // Typing into a read-only editor changes nothing anywhere.
  await editor.click();
  await viewer.page.keyboard.type('tidak boleh masuk');
  expect(await textOf(viewer.page)).not.toContain('tidak boleh masuk');

  expect((await makassarApi.patch(`/api/playbooks/${playbookId}`, { visibility: 'team' })).status).toBe(200);
  await viewer.page.getByRole('alert').filter({ hasText: 'Akses Anda ke playbook ini telah dicabut.' }).waitFor({ timeout: 20_000 });
  expect(await textOf(makassar.page)).not.toContain('tidak boleh masuk');
}, 90_000);

test('an editor whose access becomes view while open gets a read-only editor and a banner, without reloading', async () => {
  const admin = await apiAs(web.app, demo('admin'));
  const unitId = ((await makassarApi.get('/api/me')).body as { memberships: { unitId: string }[] }).memberships[0].unitId;
  const sleman = await apiAs(web.app, demo('replikator.sleman'));
  expect((await makassarApi.patch(`/api/playbooks/${playbookId}`, { visibility: 'public' })).status).toBe(200);
  expect((await admin.post(`/api/units/${unitId}/members`, { userId: sleman.user.id, role: 'member' })).status).toBe(201);

  const member = await signIn(web.browser, web.app.baseUrl, demo('replikator.sleman'));
  web.track(member);
  try {
    await member.page.goto(`/playbooks/${playbookId}`);
    const editor = editorOf(member.page);
    await editor.waitFor();
    await member.page.getByRole('toolbar', { name: 'Format teks' }).waitFor();
    expect(await editor.getAttribute('aria-readonly')).toBe('false');

    // Leaving the unit leaves only the public view.
    expect((await admin.delete(`/api/units/${unitId}/members/${sleman.user.id}`)).status).toBe(204);
    await member.page.getByText('Akses Anda berubah menjadi baca saja').waitFor({ timeout: 20_000 });
    expect(await editor.getAttribute('aria-readonly')).toBe('true');
    expect(await editor.getAttribute('contenteditable')).toBe('false');
  } finally {
    // Back to a team playbook whatever happened, for the tests after this one.
    await makassarApi.patch(`/api/playbooks/${playbookId}`, { visibility: 'team' });
    await member.context.close();
  }
}, 90_000);

test('restore from the versions panel reaches the other page live; the preview shows the version', async () => {
  const a = makassar.page;
  const b = surabaya.page;
  await a.getByLabel('Nama versi').fill('Sebelum revisi');
  await a.getByRole('button', { name: 'Simpan versi' }).click();
  await a.getByText('Sebelum revisi', { exact: true }).waitFor();

  await typeAtEnd(a, 'Paragraf yang akan hilang.');
  await until(b, (t) => t.includes('Paragraf yang akan hilang.'), 'the other page gets the new paragraph');

  await a.getByRole('button', { name: 'Pulihkan: Sebelum revisi' }).click();
  await a.getByRole('group', { name: 'Pulihkan' }).getByRole('button', { name: 'Pulihkan' }).click();
  await a.getByRole('status').filter({ hasText: 'Versi "Sebelum revisi" dipulihkan.' }).waitFor();
  // Live on the other page, no reload: the paragraph is gone, the rest is there.
  const after = await until(b, (t) => !t.includes('Paragraf yang akan hilang.'), 'restore reaches the other page');
  expect(after).toContain('Catatan dari Makassar.');
  await until(a, (t) => !t.includes('Paragraf yang akan hilang.'), 'restore reaches the restoring page');
  expect(await seriousViolations(b)).toEqual([]);

  // The version's preview still shows what it held, the removed paragraph not among it.
  await a.getByRole('button', { name: 'Pratinjau: Sebelum revisi' }).click();
  const preview = a.getByRole('region', { name: 'Pratinjau: Sebelum revisi' });
  await preview.getByText('Catatan dari Surabaya.').waitFor();
  expect(await preview.innerText()).not.toContain('Paragraf yang akan hilang.');
}, 90_000);

test('an unknown playbook and one the user may not open get clear screens', async () => {
  const outsider = await signIn(web.browser, web.app.baseUrl, demo('replikator.kukar'));
  web.track(outsider);
  await outsider.page.goto(`/playbooks/${playbookId}`);
  await outsider.page.getByRole('heading', { name: 'Akses Anda ke playbook ini telah dicabut.' }).waitFor();
  await outsider.page.goto('/playbooks/00000000-0000-4000-8000-000000000000');
  await outsider.page.getByRole('heading', { name: 'Playbook ini tidak ditemukan.' }).waitFor();
  expect(await seriousViolations(outsider.page)).toEqual([]);
}, 60_000);
