/**
 * The world of the authorisation matrix: one replication seen from every side, the users who
 * stand in each relation to it, and factories for the fresh fixtures that mutating cases need
 * (so no case depends on what an earlier one did).
 */
import type { Response } from 'supertest';
import { Notification, Replication, ReplicationStage, User } from '@app/database';
import { TestApp, TestUser } from '@app/testing';
import { DiscussionsService } from '../../apps/api/src/modules/discussions/discussions.service';

/**
 * Who calls. Every signed-in role is a distinct user with nothing but what its name says:
 * - `outsider`: signed in, admin of an unrelated unit, no platform role;
 * - `originMember` / `originAdmin`: member / admin of the replication's origin unit (instansi asal);
 * - `mentor`: origin-unit member, the mentor of the replication's active mentorship and of every
 *   fresh mentorship a case makes;
 * - `mentorOnly`: also a mentor of the replication's active mentorship, who has since left the
 *   origin unit: a mentor and nothing else; since issue 14 that gives no playbook or thread access
 *   (mentors' access follows their membership of the origin or facilitator unit);
 * - `replicatingMember`: member of the replicating unit (replikator);
 * - `facilitatorMember`: member of the facilitator unit (fasilitator);
 * - `curator`, `moderator`, `admin`: platform roles, no unit.
 * Ownership (own post, own thread, own notification) is a row of its own, where the fixture is
 * made by the caller.
 */
export const ROLES = [
  'anonymous',
  'outsider',
  'originMember',
  'originAdmin',
  'mentor',
  'mentorOnly',
  'replicatingMember',
  'facilitatorMember',
  'curator',
  'moderator',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];
export type SignedInRole = Exclude<Role, 'anonymous'>;

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export type MentorshipState = 'PROPOSED' | 'ACTIVE' | 'PAUSED' | 'COMPLETED';

export class AuthzWorld {
  readonly as = {} as Record<SignedInRole, TestUser>;
  agencyId!: string;
  originUnitId!: string;
  replicatingUnitId!: string;
  facilitatorUnitId!: string;
  /** An innovation of the origin unit, with the shared replication. */
  innovationId!: string;
  /** An innovation of the origin unit with a template playbook, made team-only. */
  templatedInnovationId!: string;
  replicationId!: string;
  /** The shared replication's playbook (visibility `team`). */
  playbookId!: string;
  playbookVersionId!: string;
  /** Another replication's playbook between the same units (same mentors), made `public`. */
  publicPlaybookId!: string;
  publicPlaybookVersionId!: string;
  /** Threads and a post in each by `bystander` (a replicating-unit member outside the roles). */
  innovationThreadId!: string;
  replicationThreadId!: string;
  innovationPostId!: string;
  replicationPostId!: string;
  /** The shared replication's ACTIVE mentorship (mentors: `as.mentor`, `as.mentorOnly`), with a goal and a session. */
  mentorshipId!: string;
  goalId!: string;
  sessionId!: string;
  /** Writes fixtures that no role owns: threads, posts. */
  bystander!: TestUser;
  /** A second moderator who hides, locks and pins fixtures before a case acts on them. */
  hider!: TestUser;

  private constructor(readonly t: TestApp) {}

  static async build(t: TestApp): Promise<AuthzWorld> {
    const w = new AuthzWorld(t);
    // Fixture authors write many threads and posts; the per-user rate limits are not under test here.
    const limits = t.get<DiscussionsService>(DiscussionsService).limits;
    limits.postsPerMinute = 1_000_000;
    limits.flagsPerMinute = 1_000_000;

    const agency = await t.agency('city', '35.78');
    w.agencyId = agency.id;
    const [origin, replicating, facilitator, other] = await Promise.all([
      t.unit(agency),
      t.unit(await t.agency('city', '73.71')),
      t.unit(await t.agency('province', '33')),
      t.unit(),
    ]);
    w.originUnitId = origin.id;
    w.replicatingUnitId = replicating.id;
    w.facilitatorUnitId = facilitator.id;
    const [
      outsider,
      originMember,
      originAdmin,
      mentor,
      mentorOnly,
      replicatingMember,
      facilitatorMember,
      curator,
      moderator,
      admin,
      bystander,
      hider,
    ] = await Promise.all([
      t.user({ units: [[other.id, 'admin']], name: 'Orang Luar' }),
      t.user({ units: [[origin.id, 'member']], name: 'Anggota Asal' }),
      t.user({ units: [[origin.id, 'admin']], name: 'Admin Asal' }),
      t.user({ units: [[origin.id, 'member']], name: 'Mentor' }),
      t.user({ units: [[origin.id, 'member']], name: 'Mentor Pindahan' }),
      t.user({ units: [[replicating.id, 'member']], name: 'Anggota Replikator' }),
      t.user({ units: [[facilitator.id, 'member']], name: 'Anggota Fasilitator' }),
      t.user({ roles: ['curator'], name: 'Kurator' }),
      t.user({ roles: ['moderator'], name: 'Moderator' }),
      t.user({ roles: ['admin'], name: 'Admin Platform' }),
      t.user({ units: [[replicating.id, 'member']], name: 'Penulis Lain' }),
      t.user({ roles: ['moderator'], name: 'Moderator Lain' }),
    ]);
    Object.assign(w.as, {
      outsider,
      originMember,
      originAdmin,
      mentor,
      mentorOnly,
      replicatingMember,
      facilitatorMember,
      curator,
      moderator,
      admin,
    });
    w.bystander = bystander;
    w.hider = hider;

    w.innovationId = (await t.innovation(origin.id)).id;
    const shared = await t.replication({
      originUnitId: origin.id,
      replicatingUnitId: replicating.id,
      facilitatorUnitId: facilitator.id,
      innovationId: w.innovationId,
    });
    w.replicationId = shared.replication.id;
    w.playbookId = shared.playbook.id;
    w.playbookVersionId = (await w.ok(admin, 'post', `/api/playbooks/${w.playbookId}/versions`, { label: 'Awal' })).body.id;
    const second = await t.replication({ originUnitId: origin.id, replicatingUnitId: replicating.id, facilitatorUnitId: facilitator.id });
    w.publicPlaybookId = second.playbook.id;
    await w.ok(admin, 'patch', `/api/playbooks/${w.publicPlaybookId}`, { visibility: 'public' });
    w.publicPlaybookVersionId = (await w.ok(admin, 'post', `/api/playbooks/${w.publicPlaybookId}/versions`, { label: 'Awal' })).body.id;
    w.templatedInnovationId = (await t.innovation(origin.id)).id;
    // Templates are created public (replicating teams read them); made team-only here, so its rows test the editors.
    const template = await w.ok(originAdmin, 'post', `/api/innovations/${w.templatedInnovationId}/template-playbook`, {});
    await w.ok(originAdmin, 'patch', `/api/playbooks/${template.body.id}`, { visibility: 'team' });

    w.innovationThreadId = await w.thread(bystander);
    w.replicationThreadId = await w.thread(bystander, 'replication');
    w.innovationPostId = await w.post(bystander, w.innovationThreadId);
    w.replicationPostId = await w.post(bystander, w.replicationThreadId);

    // Both playbooks' replications have an ACTIVE mentorship with both mentors; then one mentor leaves the unit.
    w.mentorshipId = await w.mentorship('ACTIVE', w.replicationId, [mentor.id, mentorOnly.id]);
    await w.mentorship('ACTIVE', second.replication.id, [mentor.id, mentorOnly.id]);
    await w.ok(originAdmin, 'delete', `/api/units/${origin.id}/members/${mentorOnly.id}`);
    w.goalId = (await w.ok(mentor, 'post', `/api/mentorships/${w.mentorshipId}/goals`, { title: 'SOP disahkan' })).body.id;
    w.sessionId = (
      await w.ok(mentor, 'post', `/api/mentorships/${w.mentorshipId}/sessions`, {
        scheduledAt: '2030-03-04T02:00:00Z',
        mode: 'online',
        agenda: 'Kick-off',
      })
    ).body.id;
    return w;
  }

  /** One HTTP call, as `by` (anonymous when undefined). */
  async call(by: TestUser | undefined, method: Method, path: string, body?: unknown): Promise<Response> {
    let req = this.t.http()[method](path);
    if (by) req = req.set('authorization', by.auth);
    return body === undefined ? await req : await req.send(body as object);
  }

  /** A fixture call that must succeed. */
  async ok(by: TestUser | undefined, method: Method, path: string, body?: unknown): Promise<Response> {
    const res = await this.call(by, method, path, body);
    if (res.status < 200 || res.status >= 300)
      throw new Error(`fixture ${method.toUpperCase()} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  }

  user(): Promise<TestUser> {
    return this.t.user();
  }

  /** The caller, or a fresh user standing in for an anonymous caller, as the owner of a fixture. */
  async owner(actor: TestUser | undefined): Promise<TestUser> {
    return actor ?? this.t.user();
  }

  /** A new thread by `by`, on the shared innovation or the shared replication. */
  async thread(by: TestUser, on: 'innovation' | 'replication' = 'innovation'): Promise<string> {
    const target = on === 'innovation' ? { innovationId: this.innovationId } : { replicationId: this.replicationId };
    return (await this.ok(by, 'post', '/api/threads', { ...target, title: `Diskusi ${this.t.uniq()}`, body: 'Pembuka diskusi' })).body.id;
  }

  /** A new thread by `by` that the other moderator has already locked or pinned. */
  async moderatedThread(by: TestUser, op: 'lock' | 'pin'): Promise<string> {
    const id = await this.thread(by);
    await this.ok(this.hider, 'post', `/api/threads/${id}/${op}`, {});
    return id;
  }

  /** A new post by `by` (default: in the shared innovation thread). */
  async post(by: TestUser, threadId = this.innovationThreadId): Promise<string> {
    return (await this.ok(by, 'post', `/api/threads/${threadId}/posts`, { body: `Tanggapan ${this.t.uniq()}` })).body.id;
  }

  /** A new post by `by` in the shared innovation thread, hidden by the other moderator. */
  async hiddenPost(by: TestUser): Promise<string> {
    const id = await this.post(by);
    await this.ok(this.hider, 'post', `/api/posts/${id}/hide`, { reason: 'Di luar topik' });
    return id;
  }

  /** The open moderation-queue item of a new post by `bystander`, flagged by a fresh user. */
  async queueItem(): Promise<string> {
    const postId = await this.post(this.bystander);
    await this.ok(await this.user(), 'post', `/api/posts/${postId}/flags`, { reason: 'spam' });
    const [row] = await this.t
      .em()
      .getConnection()
      .execute<{ id: string }[]>(`select id from moderation_items where post_id = ? and status = 'open'`, [postId]);
    return row.id;
  }

  /** A new replication between the world's three units (new innovation), at `stage`. */
  async replication(stage: ReplicationStage = 'PROPOSED'): Promise<string> {
    const { replication } = await this.t.replication({
      originUnitId: this.originUnitId,
      replicatingUnitId: this.replicatingUnitId,
      facilitatorUnitId: this.facilitatorUnitId,
    });
    if (stage !== 'PROPOSED') await this.t.em().nativeUpdate(Replication, { id: replication.id }, { stage });
    return replication.id;
  }

  /**
   * A mentorship proposed by the replicating team (mentor: `as.mentor` unless given), on a new
   * replication unless one is given, moved to `state` by a platform admin.
   */
  async mentorship(state: MentorshipState = 'PROPOSED', replicationId?: string, mentorIds = [this.as.mentor.id]): Promise<string> {
    const rid = replicationId ?? (await this.replication());
    const id: string = (await this.ok(this.as.replicatingMember, 'post', '/api/mentorships', { replicationId: rid, mentorIds })).body.id;
    const path: Record<MentorshipState, string[]> = {
      PROPOSED: [],
      ACTIVE: ['ACTIVE'],
      PAUSED: ['ACTIVE', 'PAUSED'],
      COMPLETED: ['ACTIVE', 'COMPLETED'],
    };
    for (const to of path[state]) await this.ok(this.as.admin, 'post', `/api/mentorships/${id}/transitions`, { to });
    return id;
  }

  /** A new unread notification in `user`'s feed. */
  async notification(user: TestUser): Promise<string> {
    const em = this.t.em();
    const n = new Notification(em.getReference(User, user.id), 'reply', { threadId: this.innovationThreadId });
    await em.persist(n).flush();
    return n.id;
  }
}
