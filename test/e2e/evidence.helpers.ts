import { randomUUID } from 'node:crypto';
import { ReplicationStage } from '@app/database';
import { TestApp, TestUser } from '@app/testing';

/** The people a replication-evidence test needs, each standing differently towards one replication. */
export interface EvidenceCast {
  originUnitId: string;
  replicatingUnitId: string;
  facilitatorUnitId: string;
  originMember: TestUser;
  repMember: TestUser;
  facMember: TestUser;
  outsider: TestUser;
  curator: TestUser;
  admin: TestUser;
}

export async function castEvidence(t: TestApp): Promise<EvidenceCast> {
  const [origin, rep, fac] = await Promise.all([t.unit(await t.agency('city', '35.78')), t.unit(await t.agency('city', '73.71')), t.unit(await t.agency('province', '33'))]);
  const [originMember, repMember, facMember, outsider, curator, admin] = await Promise.all([
    t.user({ units: [[origin.id, 'admin']], name: 'Inovator Asal' }),
    t.user({ units: [[rep.id, 'admin']], name: 'Tim Replikator' }),
    t.user({ units: [[fac.id, 'admin']], name: 'Fasilitator Hub' }),
    t.user({ name: 'Orang Luar' }),
    t.user({ roles: ['curator'], name: 'Kurator Nasional' }),
    t.user({ roles: ['admin'], name: 'Admin Platform' }),
  ]);
  return { originUnitId: origin.id, replicatingUnitId: rep.id, facilitatorUnitId: fac.id, originMember, repMember, facMember, outsider, curator, admin };
}

/** A replication of a fresh innovation of the cast's origin unit, facilitated, at `stage`. */
export async function evidenceReplication(t: TestApp, c: EvidenceCast, stage: ReplicationStage = 'PROPOSED', innovationId?: string): Promise<{ id: string; innovationId: string }> {
  const { replication } = await t.replication({ originUnitId: c.originUnitId, replicatingUnitId: c.replicatingUnitId, facilitatorUnitId: c.facilitatorUnitId, innovationId });
  if (stage !== 'PROPOSED') await t.em().execute('update replications set stage = ? where id = ?', [stage, replication.id]);
  return { id: replication.id, innovationId: replication.innovation.id };
}

const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/**
 * An attachment id usable as evidence on the replication. With the attachments module present
 * (its `attachments` table exists) the file is uploaded through the contract's endpoint; without
 * it there is nothing to upload to and any id is accepted, so a fresh id stands in.
 */
export async function evidenceAttachment(t: TestApp, replicationId: string, by: TestUser): Promise<string> {
  if (!(await attachmentsInstalled(t))) return randomUUID();
  const res = await t.http().post(`/api/replications/${replicationId}/attachments`).set('authorization', by.auth).attach('file', PDF_BYTES, { filename: 'sk-tim.pdf', contentType: 'application/pdf' });
  if (res.status !== 201) throw new Error(`attachment upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

export async function attachmentsInstalled(t: TestApp): Promise<boolean> {
  const [{ present }] = await t.em().execute<{ present: boolean }[]>(`select to_regclass('public.attachments') is not null as present`);
  return present;
}
