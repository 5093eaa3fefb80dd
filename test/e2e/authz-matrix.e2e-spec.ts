/**
 * Authorisation matrix, table-driven: every endpoint of the contract (and the documented ones
 * beyond it), each called by every role of `authz-matrix.fixtures.ts` — anonymous, a signed-in
 * outsider, the origin unit's member, admin and mentor, a mentor who belongs to no unit, the
 * replicating and facilitator units' members, curator, moderator, platform admin. Ownership
 * (own vs someone else's post, thread, notification) is a row of its own whose fixture is made
 * by the caller. The allowed roles succeed (2xx); the others get 401 (anonymous) or 403, in the
 * error shape.
 *
 * Expectations come from the contract (shared/product/CONTRACT.md) and the brief; where both are
 * silent, from the documented design (docs/architecture.md), which the row's comment says.
 * A row may refuse with 404 instead of 403 where saying "forbidden" would reveal that something
 * exists (another user's notification).
 *
 * Every case that changes something works on fixtures made for it, so no case depends on the
 * order of the others.
 */
import { TEST_PASSWORD, TestApp, TestUser } from '@app/testing';
import { AuthzWorld, Method, Role, ROLES, SignedInRole } from './authz-matrix.fixtures';

jest.setTimeout(120_000);

type Req = [method: Method, path: string, body?: unknown];

interface Row {
  name: string;
  allowed: readonly Role[];
  /** Builds the request as `actor` (undefined: anonymous), with fresh fixtures when needed. */
  build: (actor: TestUser | undefined) => Promise<Req>;
  /** The refusal for signed-in callers when it is not 403. */
  refusedWith?: 404;
}

const ALL: readonly Role[] = ROLES;
const SIGNED_IN: readonly Role[] = ROLES.filter((r) => r !== 'anonymous');
const NOBODY: readonly Role[] = [];
const ADMIN: readonly Role[] = ['admin'];
const STAFF: readonly Role[] = ['curator', 'admin'];
const MODERATORS: readonly Role[] = ['moderator', 'admin'];
/** Members of the replication's origin unit (the mentor is one). */
const ORIGIN: readonly Role[] = ['originMember', 'originAdmin', 'mentor'];
/** Members of the replication's origin, replicating and facilitator units. */
const UNITS: readonly Role[] = [...ORIGIN, 'replicatingMember', 'facilitatorMember'];
/**
 * Contract, playbooks: "members of the replication's origin unit, replicating unit and facilitator unit, its mentors, and admins".
 * Mentors come from the origin or facilitator unit and their access follows that membership (issue 14): `mentorOnly`, who left
 * the origin unit, no longer edits.
 */
const EDITORS: readonly Role[] = [...UNITS, 'admin'];
/** Design: replication threads are read (and so written, reacted to, flagged) by the units (mentors through theirs), moderators, curators, admins. */
const THREAD_READERS: readonly Role[] = [...UNITS, 'moderator', 'curator', 'admin'];
/** Design: goals, sessions and most moves are made by the mentors, the replicating team, the origin unit's admins, curators, admins. */
const MENTORSHIP_MANAGERS: readonly Role[] = ['mentor', 'originAdmin', 'replicatingMember', ...STAFF];
/** The same, on the shared mentorship, where `mentorOnly` is a mentor too. */
const SHARED_MENTORSHIP_MANAGERS: readonly Role[] = [...MENTORSHIP_MANAGERS, 'mentorOnly'];
/** Design: the shared mentorship is read by the three units' members, its mentors, curators and admins. */
const SHARED_MENTORSHIP_READERS: readonly Role[] = [...UNITS, 'mentorOnly', ...STAFF];

const soon = () => new Date(Date.now() + 3600_000).toISOString();

describe('authorisation matrix (e2e)', () => {
  let t: TestApp;
  let w: AuthzWorld;
  const tally = { cases: 0, allowed: 0, refused: 0 };

  beforeAll(async () => {
    t = await TestApp.start();
    w = await AuthzWorld.build(t);
  });
  afterAll(async () => {
    await t?.close();
    console.log(`authorisation matrix: ${tally.cases} cases (${tally.allowed} allowed, ${tally.refused} refused)`);
  });

  const rows: Row[] = [
    // ---- public ------------------------------------------------------------------------
    { name: 'GET /api/health', allowed: ALL, build: async () => ['get', '/api/health'] },
    { name: 'GET /api/docs-json', allowed: ALL, build: async () => ['get', '/api/docs-json'] },

    // ---- auth ----------------------------------------------------------------------------
    {
      name: 'POST /api/auth/register',
      allowed: ALL,
      build: async () => [
        'post',
        '/api/auth/register',
        { email: `${t.uniq('baru')}@test.jippnas.id`, password: TEST_PASSWORD, name: 'Pendaftar' },
      ],
    },
    {
      name: 'POST /api/auth/login',
      allowed: ALL,
      build: async () => ['post', '/api/auth/login', { email: (await w.user()).email, password: TEST_PASSWORD }],
    },
    {
      name: 'POST /api/auth/refresh',
      allowed: ALL,
      build: async () => ['post', '/api/auth/refresh', { refreshToken: await refreshToken() }],
    },
    {
      name: 'POST /api/auth/logout',
      allowed: ALL,
      build: async () => ['post', '/api/auth/logout', { refreshToken: await refreshToken() }],
    },
    { name: 'GET /api/me', allowed: SIGNED_IN, build: async () => ['get', '/api/me'] },

    // ---- organisations -------------------------------------------------------------------
    { name: 'GET /api/agencies', allowed: SIGNED_IN, build: async () => ['get', '/api/agencies'] },
    { name: 'GET /api/agencies/:id', allowed: SIGNED_IN, build: async () => ['get', `/api/agencies/${w.agencyId}`] },
    {
      name: 'POST /api/agencies',
      allowed: ADMIN,
      build: async () => ['post', '/api/agencies', { name: `Dinas ${t.uniq()}`, kind: 'city' }],
    },
    {
      name: 'POST /api/agencies/:id/units',
      allowed: ADMIN,
      build: async () => ['post', `/api/agencies/${w.agencyId}/units`, { name: `Unit ${t.uniq()}` }],
    },
    { name: 'GET /api/units/:id', allowed: SIGNED_IN, build: async () => ['get', `/api/units/${w.originUnitId}`] },
    // Issue 14: the unit's members, the units it works with in a replication, curators and admins.
    {
      name: 'GET /api/units/:id/members (origin unit)',
      allowed: [...UNITS, ...STAFF],
      build: async () => ['get', `/api/units/${w.originUnitId}/members`],
    },
    {
      name: 'GET /api/units/:id/members (facilitator unit)',
      allowed: [...UNITS, ...STAFF],
      build: async () => ['get', `/api/units/${w.facilitatorUnitId}/members`],
    },
    {
      name: 'POST /api/units/:id/members (origin unit)',
      allowed: ['originAdmin', 'admin'],
      build: async () => ['post', `/api/units/${w.originUnitId}/members`, { userId: (await w.user()).id, role: 'member' }],
    },
    {
      name: 'DELETE /api/units/:id/members/:userId (origin unit)',
      allowed: ['originAdmin', 'admin'],
      build: async () => ['delete', `/api/units/${w.originUnitId}/members/${(await t.user({ units: [[w.originUnitId, 'member']] })).id}`],
    },
    {
      name: 'PUT /api/users/:id/roles',
      allowed: ADMIN,
      build: async () => ['put', `/api/users/${(await w.user()).id}/roles`, { roles: ['user', 'curator'] }],
    },

    // ---- innovations ---------------------------------------------------------------------
    {
      name: 'POST /api/innovations (unitId = origin unit)',
      allowed: [...ORIGIN, ...STAFF],
      build: async () => [
        'post',
        '/api/innovations',
        { title: `Inovasi ${t.uniq()}`, summary: 'Ringkasan', unitId: w.originUnitId, source: 'KIPP', year: 2024 },
      ],
    },
    // Not fixed by the contract: the catalogue is public knowledge (docs/architecture.md), readable signed out.
    { name: 'GET /api/innovations', allowed: ALL, build: async () => ['get', '/api/innovations?q=inovasi'] },
    { name: 'GET /api/innovations/:id', allowed: ALL, build: async () => ['get', `/api/innovations/${w.innovationId}`] },
    // The contract names no roles; as for creation: members of the innovation's unit, curators, admins.
    {
      name: 'PATCH /api/innovations/:id',
      allowed: [...ORIGIN, ...STAFF],
      build: async () => ['patch', `/api/innovations/${w.innovationId}`, { summary: `Ringkasan ${t.uniq()}` }],
    },
    { name: 'POST /api/innovations/import', allowed: STAFF, build: async () => ['post', '/api/innovations/import', []] },

    // ---- replications --------------------------------------------------------------------
    {
      name: 'POST /api/innovations/:id/replications (replicatingUnitId = replicating unit)',
      allowed: ['replicatingMember'],
      build: async () => [
        'post',
        `/api/innovations/${(await t.innovation(w.originUnitId)).id}/replications`,
        { replicatingUnitId: w.replicatingUnitId },
      ],
    },
    { name: 'GET /api/replications', allowed: SIGNED_IN, build: async () => ['get', `/api/replications?innovationId=${w.innovationId}`] },
    { name: 'GET /api/replications/:id', allowed: SIGNED_IN, build: async () => ['get', `/api/replications/${w.replicationId}`] },
    // BRIEF: "Public statistics".
    { name: 'GET /api/stats/replications', allowed: ALL, build: async () => ['get', '/api/stats/replications?groupBy=stage'] },
    // Who moves what (design, replication-stages.ts): the origin unit agrees/declines, the replicating
    // unit moves its own progress, either side discontinues, curators and admins any allowed move.
    // A move that is not the caller's to make is 403, not 409.
    {
      name: 'POST /api/replications/:id/transitions (PROPOSED→AGREED: origin)',
      allowed: [...ORIGIN, ...STAFF],
      build: async () => ['post', `/api/replications/${await w.replication()}/transitions`, { to: 'AGREED' }],
    },
    {
      name: 'POST /api/replications/:id/transitions (PROPOSED→WITHDRAWN: replicating)',
      allowed: ['replicatingMember', ...STAFF],
      build: async () => ['post', `/api/replications/${await w.replication()}/transitions`, { to: 'WITHDRAWN' }],
    },
    {
      name: 'POST /api/replications/:id/transitions (AGREED→PREPARING: replicating)',
      allowed: ['replicatingMember', ...STAFF],
      build: async () => [
        'post',
        `/api/replications/${await w.replication('AGREED')}/transitions`,
        { to: 'PREPARING', note: 'Tim dibentuk' },
      ],
    },
    {
      name: 'POST /api/replications/:id/transitions (AGREED→DISCONTINUED: either side)',
      allowed: [...ORIGIN, 'replicatingMember', ...STAFF],
      build: async () => ['post', `/api/replications/${await w.replication('AGREED')}/transitions`, { to: 'DISCONTINUED' }],
    },

    // ---- playbooks (contract: editors edit; anyone signed in views a public one) ----------
    { name: 'GET /api/playbooks/:id (team)', allowed: EDITORS, build: async () => ['get', `/api/playbooks/${w.playbookId}`] },
    { name: 'GET /api/playbooks/:id (public)', allowed: SIGNED_IN, build: async () => ['get', `/api/playbooks/${w.publicPlaybookId}`] },
    {
      name: 'PATCH /api/playbooks/:id (team)',
      allowed: EDITORS,
      build: async () => ['patch', `/api/playbooks/${w.playbookId}`, { title: `Playbook ${t.uniq()}` }],
    },
    {
      name: 'PATCH /api/playbooks/:id (public)',
      allowed: EDITORS,
      build: async () => ['patch', `/api/playbooks/${w.publicPlaybookId}`, { title: `Playbook ${t.uniq()}` }],
    },
    {
      name: 'POST /api/playbooks/:id/versions (team)',
      allowed: EDITORS,
      build: async () => ['post', `/api/playbooks/${w.playbookId}/versions`, { label: `Versi ${t.uniq()}` }],
    },
    {
      name: 'POST /api/playbooks/:id/versions (public)',
      allowed: EDITORS,
      build: async () => ['post', `/api/playbooks/${w.publicPlaybookId}/versions`, { label: `Versi ${t.uniq()}` }],
    },
    {
      name: 'GET /api/playbooks/:id/versions (team)',
      allowed: EDITORS,
      build: async () => ['get', `/api/playbooks/${w.playbookId}/versions`],
    },
    {
      name: 'GET /api/playbooks/:id/versions (public)',
      allowed: SIGNED_IN,
      build: async () => ['get', `/api/playbooks/${w.publicPlaybookId}/versions`],
    },
    {
      name: 'POST /api/playbooks/:id/versions/:versionId/restore (team)',
      allowed: EDITORS,
      build: async () => ['post', `/api/playbooks/${w.playbookId}/versions/${w.playbookVersionId}/restore`],
    },
    {
      name: 'POST /api/playbooks/:id/versions/:versionId/restore (public)',
      allowed: EDITORS,
      build: async () => ['post', `/api/playbooks/${w.publicPlaybookId}/versions/${w.publicPlaybookVersionId}/restore`],
    },
    {
      name: 'GET /api/playbooks/:id/export (team)',
      allowed: EDITORS,
      build: async () => ['get', `/api/playbooks/${w.playbookId}/export?format=md`],
    },
    {
      name: 'GET /api/playbooks/:id/export (public)',
      allowed: SIGNED_IN,
      build: async () => ['get', `/api/playbooks/${w.publicPlaybookId}/export?format=html`],
    },

    // ---- discussions ---------------------------------------------------------------------
    // Innovation threads are open to everyone signed in; replication threads to THREAD_READERS (design).
    {
      name: 'POST /api/threads (innovation)',
      allowed: SIGNED_IN,
      build: async () => ['post', '/api/threads', { innovationId: w.innovationId, title: `Topik ${t.uniq()}`, body: 'Isi' }],
    },
    {
      name: 'POST /api/threads (replication)',
      allowed: THREAD_READERS,
      build: async () => ['post', '/api/threads', { replicationId: w.replicationId, title: `Topik ${t.uniq()}`, body: 'Isi' }],
    },
    { name: 'GET /api/threads', allowed: SIGNED_IN, build: async () => ['get', '/api/threads'] },
    {
      name: 'GET /api/threads?innovationId=',
      allowed: SIGNED_IN,
      build: async () => ['get', `/api/threads?innovationId=${w.innovationId}`],
    },
    {
      name: 'GET /api/threads?replicationId=',
      allowed: THREAD_READERS,
      build: async () => ['get', `/api/threads?replicationId=${w.replicationId}`],
    },
    { name: 'GET /api/threads/:id (innovation)', allowed: SIGNED_IN, build: async () => ['get', `/api/threads/${w.innovationThreadId}`] },
    {
      name: 'GET /api/threads/:id (replication)',
      allowed: THREAD_READERS,
      build: async () => ['get', `/api/threads/${w.replicationThreadId}`],
    },
    {
      name: 'GET /api/threads/:id/posts (innovation)',
      allowed: SIGNED_IN,
      build: async () => ['get', `/api/threads/${w.innovationThreadId}/posts?limit=5`],
    },
    {
      name: 'GET /api/threads/:id/posts (replication)',
      allowed: THREAD_READERS,
      build: async () => ['get', `/api/threads/${w.replicationThreadId}/posts?limit=5`],
    },
    {
      name: 'POST /api/threads/:id/posts (innovation)',
      allowed: SIGNED_IN,
      build: async () => ['post', `/api/threads/${w.innovationThreadId}/posts`, { body: 'Setuju' }],
    },
    {
      name: 'POST /api/threads/:id/posts (replication)',
      allowed: THREAD_READERS,
      build: async () => ['post', `/api/threads/${w.replicationThreadId}/posts`, { body: 'Setuju' }],
    },
    // Contract: edit and delete are the author's alone (moderators and admins hide instead).
    {
      name: 'PATCH /api/posts/:id (own post)',
      allowed: SIGNED_IN,
      build: async (a) => ['patch', `/api/posts/${await w.post(await w.owner(a))}`, { body: 'Diperbaiki' }],
    },
    {
      name: "PATCH /api/posts/:id (someone else's post)",
      allowed: NOBODY,
      build: async () => ['patch', `/api/posts/${await w.post(w.bystander)}`, { body: 'Diubah orang lain' }],
    },
    {
      name: 'DELETE /api/posts/:id (own post)',
      allowed: SIGNED_IN,
      build: async (a) => ['delete', `/api/posts/${await w.post(await w.owner(a))}`],
    },
    {
      name: "DELETE /api/posts/:id (someone else's post)",
      allowed: NOBODY,
      build: async () => ['delete', `/api/posts/${await w.post(w.bystander)}`],
    },
    // Reactions (brief, beyond the contract's paths): whoever reads the thread.
    {
      name: 'PUT /api/posts/:id/reactions/:emoji (innovation)',
      allowed: SIGNED_IN,
      build: async () => ['put', `/api/posts/${w.innovationPostId}/reactions/heart`],
    },
    {
      name: 'PUT /api/posts/:id/reactions/:emoji (replication)',
      allowed: THREAD_READERS,
      build: async () => ['put', `/api/posts/${w.replicationPostId}/reactions/rocket`],
    },
    {
      name: 'DELETE /api/posts/:id/reactions/:emoji (innovation)',
      allowed: SIGNED_IN,
      build: async () => ['delete', `/api/posts/${w.innovationPostId}/reactions/eyes`],
    },
    // Contract: anyone may flag (a post they can read).
    {
      name: 'POST /api/posts/:id/flags (innovation)',
      allowed: SIGNED_IN,
      build: async () => ['post', `/api/posts/${await w.post(w.bystander)}/flags`, { reason: 'spam' }],
    },
    {
      name: 'POST /api/posts/:id/flags (replication)',
      allowed: THREAD_READERS,
      build: async () => [
        'post',
        `/api/posts/${await w.post(w.bystander, w.replicationThreadId)}/flags`,
        { reason: 'off_topic', note: 'bukan topiknya' },
      ],
    },

    // ---- moderation (contract: moderator or admin only; acting on one's own post → 403) ---
    { name: 'GET /api/moderation/queue', allowed: MODERATORS, build: async () => ['get', '/api/moderation/queue'] },
    { name: 'GET /api/moderation/audit', allowed: MODERATORS, build: async () => ['get', '/api/moderation/audit'] },
    {
      name: "POST /api/posts/:id/hide (someone else's post)",
      allowed: MODERATORS,
      build: async () => ['post', `/api/posts/${await w.post(w.bystander)}/hide`, { reason: 'Kasar' }],
    },
    {
      name: 'POST /api/posts/:id/hide (own post)',
      allowed: NOBODY,
      build: async (a) => ['post', `/api/posts/${await w.post(await w.owner(a))}/hide`, { reason: 'Kasar' }],
    },
    {
      name: "POST /api/posts/:id/restore (someone else's post)",
      allowed: MODERATORS,
      build: async () => ['post', `/api/posts/${await w.hiddenPost(w.bystander)}/restore`, {}],
    },
    {
      name: 'POST /api/posts/:id/restore (own post)',
      allowed: NOBODY,
      build: async (a) => ['post', `/api/posts/${await w.hiddenPost(await w.owner(a))}/restore`, {}],
    },
    // A thread's opening post is its author's: moderating one's own thread is acting on one's own post.
    {
      name: "POST /api/threads/:id/lock (someone else's thread)",
      allowed: MODERATORS,
      build: async () => ['post', `/api/threads/${await w.thread(w.bystander)}/lock`, {}],
    },
    {
      name: 'POST /api/threads/:id/lock (own thread)',
      allowed: NOBODY,
      build: async (a) => ['post', `/api/threads/${await w.thread(await w.owner(a))}/lock`, {}],
    },
    {
      name: "POST /api/threads/:id/unlock (someone else's thread)",
      allowed: MODERATORS,
      build: async () => ['post', `/api/threads/${await w.moderatedThread(w.bystander, 'lock')}/unlock`, {}],
    },
    {
      name: 'POST /api/threads/:id/unlock (own thread)',
      allowed: NOBODY,
      build: async (a) => ['post', `/api/threads/${await w.moderatedThread(await w.owner(a), 'lock')}/unlock`, {}],
    },
    {
      name: "POST /api/threads/:id/pin (someone else's thread)",
      allowed: MODERATORS,
      build: async () => ['post', `/api/threads/${await w.thread(w.bystander)}/pin`, {}],
    },
    {
      name: 'POST /api/threads/:id/pin (own thread)',
      allowed: NOBODY,
      build: async (a) => ['post', `/api/threads/${await w.thread(await w.owner(a))}/pin`, {}],
    },
    {
      name: "POST /api/threads/:id/unpin (someone else's thread)",
      allowed: MODERATORS,
      build: async () => ['post', `/api/threads/${await w.moderatedThread(w.bystander, 'pin')}/unpin`, {}],
    },
    {
      name: 'POST /api/threads/:id/unpin (own thread)',
      allowed: NOBODY,
      build: async (a) => ['post', `/api/threads/${await w.moderatedThread(await w.owner(a), 'pin')}/unpin`, {}],
    },
    {
      name: "PUT /api/threads/:id/slow-mode (someone else's thread)",
      allowed: MODERATORS,
      build: async () => ['put', `/api/threads/${await w.thread(w.bystander)}/slow-mode`, { seconds: 30 }],
    },
    {
      name: 'PUT /api/threads/:id/slow-mode (own thread)',
      allowed: NOBODY,
      build: async (a) => ['put', `/api/threads/${await w.thread(await w.owner(a))}/slow-mode`, { seconds: 30 }],
    },
    {
      name: 'POST /api/users/:id/suspensions',
      allowed: MODERATORS,
      build: async () => ['post', `/api/users/${(await w.user()).id}/suspensions`, { until: soon(), reason: 'uji matriks' }],
    },

    // ---- mentoring (contract names no roles; design: docs/architecture.md, Mentoring) ------
    // Fresh mentorships (made per case) have `mentor` as their mentor; the shared one also `mentorOnly`.
    // Proposing: the replicating unit, the origin or facilitator unit, curators, admins.
    {
      name: 'POST /api/mentorships',
      allowed: [...UNITS, ...STAFF],
      build: async () => [
        'post',
        '/api/mentorships',
        { replicationId: await w.replication(), mentorIds: [w.as.mentor.id], goals: [{ title: 'Tim terbentuk' }] },
      ],
    },
    // Proposed by the replicating team: the mentors (or the origin unit's admin) accept, not the proposer side.
    {
      name: 'POST /api/mentorships/:id/transitions (PROPOSED→ACTIVE: the answering side)',
      allowed: ['mentor', 'originAdmin', ...STAFF],
      build: async () => ['post', `/api/mentorships/${await w.mentorship('PROPOSED')}/transitions`, { to: 'ACTIVE' }],
    },
    {
      name: 'POST /api/mentorships/:id/transitions (ACTIVE→PAUSED: either side)',
      allowed: MENTORSHIP_MANAGERS,
      build: async () => ['post', `/api/mentorships/${await w.mentorship('ACTIVE')}/transitions`, { to: 'PAUSED' }],
    },
    {
      name: 'POST /api/mentorships/:id/goals',
      allowed: SHARED_MENTORSHIP_MANAGERS,
      build: async () => ['post', `/api/mentorships/${w.mentorshipId}/goals`, { title: `Sasaran ${t.uniq()}`, dueDate: '2030-06-30' }],
    },
    {
      name: 'PATCH /api/mentorships/:id/goals/:goalId',
      allowed: SHARED_MENTORSHIP_MANAGERS,
      build: async () => ['patch', `/api/mentorships/${w.mentorshipId}/goals/${w.goalId}`, { status: 'open' }],
    },
    {
      name: 'POST /api/mentorships/:id/sessions',
      allowed: SHARED_MENTORSHIP_MANAGERS,
      build: async () => [
        'post',
        `/api/mentorships/${w.mentorshipId}/sessions`,
        { scheduledAt: '2030-04-01T03:00:00Z', mode: 'field_visit', agenda: 'Kunjungan' },
      ],
    },
    {
      name: 'PATCH /api/mentorships/:id/sessions/:sessionId',
      allowed: SHARED_MENTORSHIP_MANAGERS,
      build: async () => ['patch', `/api/mentorships/${w.mentorshipId}/sessions/${w.sessionId}`, { notes: `Catatan ${t.uniq()}` }],
    },
    {
      name: 'GET /api/mentorships/:id/sessions/:sessionId/ics',
      allowed: SHARED_MENTORSHIP_READERS,
      build: async () => ['get', `/api/mentorships/${w.mentorshipId}/sessions/${w.sessionId}/ics`],
    },
    // Feedback speaks for a side: the mentors and the origin unit, or the replicating unit.
    {
      name: 'POST /api/mentorships/:id/feedback (COMPLETED)',
      allowed: [...ORIGIN, 'replicatingMember'],
      build: async () => ['post', `/api/mentorships/${await w.mentorship('COMPLETED')}/feedback`, { rating: 5, comment: 'Bermanfaat' }],
    },
    {
      name: 'GET /api/mentorships/:id',
      allowed: SHARED_MENTORSHIP_READERS,
      build: async () => ['get', `/api/mentorships/${w.mentorshipId}`],
    },
    { name: 'GET /api/mentorships', allowed: SIGNED_IN, build: async () => ['get', `/api/mentorships?unitId=${w.originUnitId}`] },

    // ---- search and notifications ------------------------------------------------------
    { name: 'GET /api/search', allowed: SIGNED_IN, build: async () => ['get', '/api/search?q=inovasi'] },
    { name: 'GET /api/notifications', allowed: SIGNED_IN, build: async () => ['get', '/api/notifications?unread=true'] },
    {
      name: 'POST /api/notifications/:id/read (own)',
      allowed: SIGNED_IN,
      build: async (a) => ['post', `/api/notifications/${await w.notification(await w.owner(a))}/read`],
    },
    {
      name: "POST /api/notifications/:id/read (another user's)",
      allowed: NOBODY,
      build: async () => ['post', `/api/notifications/${await w.notification(await w.user())}/read`],
      refusedWith: 404,
    },
    { name: 'POST /api/notifications/read-all', allowed: SIGNED_IN, build: async () => ['post', '/api/notifications/read-all'] },

    // ---- beyond the contract: rules documented in docs/architecture.md ------------------
    { name: 'GET /api/posts/:id (replication)', allowed: THREAD_READERS, build: async () => ['get', `/api/posts/${w.replicationPostId}`] },
    {
      name: 'GET /api/posts/:id/history (own post)',
      allowed: SIGNED_IN,
      build: async (a) => ['get', `/api/posts/${await w.post(await w.owner(a))}/history`],
    },
    {
      name: "GET /api/posts/:id/history (someone else's post)",
      allowed: MODERATORS,
      build: async () => ['get', `/api/posts/${w.innovationPostId}/history`],
    },
    {
      name: 'PUT /api/threads/:id/follow (replication)',
      allowed: THREAD_READERS,
      build: async () => ['put', `/api/threads/${w.replicationThreadId}/follow`],
    },
    {
      name: 'DELETE /api/threads/:id/follow (replication)',
      allowed: THREAD_READERS,
      build: async () => ['delete', `/api/threads/${w.replicationThreadId}/follow`],
    },
    {
      name: "POST /api/threads/:id/answer (someone else's thread)",
      allowed: MODERATORS,
      build: async () => {
        const threadId = await w.thread(w.bystander);
        return ['post', `/api/threads/${threadId}/answer`, { postId: await w.post(w.bystander, threadId) }];
      },
    },
    {
      name: "DELETE /api/threads/:id/answer (someone else's thread)",
      allowed: MODERATORS,
      build: async () => {
        const threadId = await w.thread(w.bystander);
        await w.ok(w.bystander, 'post', `/api/threads/${threadId}/answer`, { postId: await w.post(w.bystander, threadId) });
        return ['delete', `/api/threads/${threadId}/answer`];
      },
    },
    {
      name: 'POST /api/moderation/queue/:id/claim',
      allowed: MODERATORS,
      build: async () => ['post', `/api/moderation/queue/${await w.queueItem()}/claim`],
    },
    {
      name: 'POST /api/innovations/:id/template-playbook',
      allowed: [...ORIGIN, ...STAFF],
      build: async () => ['post', `/api/innovations/${w.templatedInnovationId}/template-playbook`, {}],
    },
    {
      name: 'GET /api/innovations/:id/template-playbook (team)',
      allowed: [...ORIGIN, ...STAFF],
      build: async () => ['get', `/api/innovations/${w.templatedInnovationId}/template-playbook`],
    },
    { name: 'GET /api/stats/innovations/top', allowed: ALL, build: async () => ['get', '/api/stats/innovations/top?limit=3'] },
    {
      name: 'GET /api/units/:id/mentoring-dashboard (origin unit)',
      allowed: [...ORIGIN, ...STAFF],
      build: async () => ['get', `/api/units/${w.originUnitId}/mentoring-dashboard`],
    },
    {
      name: 'GET /api/units/:id/mentoring-rating',
      allowed: SIGNED_IN,
      build: async () => ['get', `/api/units/${w.originUnitId}/mentoring-rating`],
    },
    { name: 'GET /api/mentoring/overview', allowed: STAFF, build: async () => ['get', '/api/mentoring/overview'] },
    // Metrics: the platform admin (or the METRICS_TOKEN bearer, tested below).
    { name: 'GET /metrics', allowed: ADMIN, build: async () => ['get', '/metrics'] },
    { name: 'GET /api/metrics', allowed: ADMIN, build: async () => ['get', '/api/metrics'] },
  ];

  /** A live refresh token of a fresh user (each call signs in anew). */
  async function refreshToken(): Promise<string> {
    const res = await w.ok(undefined, 'post', '/api/auth/login', { email: (await w.user()).email, password: TEST_PASSWORD });
    return res.body.refreshToken;
  }

  describe.each(rows)('$name', (row) => {
    for (const role of ROLES) {
      it(`as ${role}`, async () => {
        const actor = role === 'anonymous' ? undefined : w.as[role as SignedInRole];
        const [method, path, body] = await row.build(actor);
        const res = await w.call(actor, method, path, body);
        tally.cases++;
        if (row.allowed.includes(role)) {
          tally.allowed++;
          if (res.status < 200 || res.status >= 300)
            throw new Error(`${row.name} as ${role}: expected success, got ${res.status} ${JSON.stringify(res.body)}`);
        } else {
          tally.refused++;
          const expected = role === 'anonymous' ? 401 : (row.refusedWith ?? 403);
          if (res.status !== expected)
            throw new Error(`${row.name} as ${role}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`);
          expect(res.body).toMatchObject({ statusCode: expected, code: expect.any(String), message: expect.any(String) });
        }
      });
    }
  });
});

describe('metrics content (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Settings come from the validated config (as from the environment at start).
    t = await TestApp.start({ METRICS_TOKEN: 'metrics-token-for-the-e2e-test' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts requests by route template and exposes socket and collaboration gauges', async () => {
    const u = await t.user();
    await t.http().get('/api/me').set('authorization', u.auth).expect(200);
    await t.http().get('/api/no-such-route').expect(404);
    const res = await t.http().get('/metrics').set('authorization', 'Bearer metrics-token-for-the-e2e-test').expect(200);
    expect(res.text).toMatch(/jippnas_http_requests_total\{method="GET",route="\/api\/me",status="200"\} 1/);
    expect(res.text).toMatch(/route="unmatched",status="404"/);
    expect(res.text).toContain('jippnas_http_request_duration_seconds_bucket');
    expect(res.text).toMatch(/jippnas_socketio_connections\{namespace="\/realtime"\} 0/);
    expect(res.text).toMatch(/jippnas_collab_documents \d+/);
    expect(res.text).toMatch(/jippnas_collab_connections \d+/);
    expect((await t.http().get('/metrics').set('authorization', 'Bearer wrong-token-wrong-token')).status).toBe(401);
  });
});
