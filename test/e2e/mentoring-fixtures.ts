import { TestApp, TestUser } from '@app/testing';

/** The cast of a mentoring test: every role that stands differently towards a mentorship. */
export interface MentoringCast {
  originUnitId: string;
  replicatingUnitId: string;
  facilitatorUnitId: string;
  otherUnitId: string;
  /** Admin of the origin unit. */
  originAdmin: TestUser;
  /** Origin unit member, mentor in most tests. */
  mentor: TestUser;
  /** Facilitator unit member, second mentor. */
  mentor2: TestUser;
  /** Origin unit member who is not a mentor. */
  originMember: TestUser;
  repAdmin: TestUser;
  repMember: TestUser;
  /** Facilitator unit member who is not a mentor. */
  facMember: TestUser;
  outsider: TestUser;
  curator: TestUser;
  admin: TestUser;
  moderator: TestUser;
}

export async function castMentoring(t: TestApp): Promise<MentoringCast> {
  const originAgency = await t.agency('city', '35.78');
  const repAgency = await t.agency('city', '73.71');
  const facAgency = await t.agency('province', '33');
  const [origin, rep, fac, other] = await Promise.all([t.unit(originAgency), t.unit(repAgency), t.unit(facAgency), t.unit()]);
  const [originAdmin, mentor, mentor2, originMember, repAdmin, repMember, facMember, outsider, curator, admin, moderator] =
    await Promise.all([
      t.user({ units: [[origin.id, 'admin']], name: 'Admin Asal' }),
      t.user({ units: [[origin.id, 'member']], name: 'Mentor Satu' }),
      t.user({ units: [[fac.id, 'member']], name: 'Mentor Dua' }),
      t.user({ units: [[origin.id, 'member']], name: 'Anggota Asal' }),
      t.user({ units: [[rep.id, 'admin']], name: 'Admin Replikator' }),
      t.user({ units: [[rep.id, 'member']], name: 'Anggota Replikator' }),
      t.user({ units: [[fac.id, 'member']], name: 'Anggota Fasilitator' }),
      t.user({ units: [[other.id, 'admin']], name: 'Orang Luar' }),
      t.user({ roles: ['curator'], name: 'Kurator' }),
      t.user({ roles: ['admin'], name: 'Admin Platform' }),
      t.user({ roles: ['moderator'], name: 'Moderator' }),
    ]);
  return {
    originUnitId: origin.id,
    replicatingUnitId: rep.id,
    facilitatorUnitId: fac.id,
    otherUnitId: other.id,
    originAdmin,
    mentor,
    mentor2,
    originMember,
    repAdmin,
    repMember,
    facMember,
    outsider,
    curator,
    admin,
    moderator,
  };
}

export type State = 'PROPOSED' | 'ACTIVE' | 'PAUSED' | 'COMPLETED' | 'DECLINED' | 'CANCELLED';

/** How to reach each state from a fresh proposal, moved by a platform admin. */
const PATH: Record<State, State[]> = {
  PROPOSED: [],
  ACTIVE: ['ACTIVE'],
  PAUSED: ['ACTIVE', 'PAUSED'],
  COMPLETED: ['ACTIVE', 'COMPLETED'],
  DECLINED: ['DECLINED'],
  CANCELLED: ['CANCELLED'],
};

export class MentoringFixtures {
  constructor(
    readonly t: TestApp,
    readonly c: MentoringCast,
  ) {}

  async replication(): Promise<string> {
    const { replication } = await this.t.replication({
      originUnitId: this.c.originUnitId,
      replicatingUnitId: this.c.replicatingUnitId,
      facilitatorUnitId: this.c.facilitatorUnitId,
    });
    return replication.id;
  }

  /** A new replication with a mentorship proposed by `by` (default the replicating team), moved to `state`. */
  async mentorship(
    state: State = 'PROPOSED',
    opts: { by?: TestUser; goals?: { title: string; dueDate?: string }[] } = {},
  ): Promise<{ id: string; replicationId: string; body: Record<string, unknown> }> {
    const replicationId = await this.replication();
    const res = await this.t
      .http()
      .post('/api/mentorships')
      .set('authorization', (opts.by ?? this.c.repMember).auth)
      .send({ replicationId, mentorIds: [this.c.mentor.id, this.c.mentor2.id], ...(opts.goals ? { goals: opts.goals } : {}) });
    if (res.status !== 201) throw new Error(`propose failed: ${res.status} ${JSON.stringify(res.body)}`);
    let body = res.body;
    for (const to of PATH[state]) body = (await this.move(res.body.id, to, this.c.admin, 200)).body;
    return { id: res.body.id, replicationId, body };
  }

  move(id: string, to: string, by: TestUser, expected: number) {
    return this.t.http().post(`/api/mentorships/${id}/transitions`).set('authorization', by.auth).send({ to }).expect(expected);
  }
}
