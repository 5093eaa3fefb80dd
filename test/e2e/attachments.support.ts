import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { TestApp, TestUser } from '@app/testing';
import { castMentoring, MentoringCast, MentoringFixtures } from './mentoring-fixtures';

interface S3rverLike {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}

/** A local S3-compatible server (s3rver) with one bucket, in a temporary directory. */
export async function startS3(bucket = 'lampiran'): Promise<{ url: string; close(): Promise<void> }> {
  const directory = mkdtempSync(join(tmpdir(), 'jippnas-s3-'));
  // s3rver ships no types; this is the part of its API the tests use.
  const S3rver = require('s3rver') as new (options: Record<string, unknown>) => S3rverLike;
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const address = await server.run();
  return {
    url: `http://S3RVER:S3RVER@127.0.0.1:${address.port}/${bucket}`,
    close: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4f50000000049454e44ae426082',
  'hex',
);
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
/** The start of a Linux executable. */
export const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(504, 1)]);

export interface Parent {
  name: string;
  /** The attachments path of this parent. */
  path: string;
  /** May add files. */
  editor: TestUser;
  /** May read but not add (none where every reader edits). */
  reader?: TestUser;
  /** May not read (none where every signed-in user reads). */
  outsider?: TestUser;
}

/**
 * One of each parent, with someone who edits it, someone who only reads it and someone who
 * may not see it: the access matrix of attachments.
 */
export async function buildParents(t: TestApp): Promise<{ cast: MentoringCast; parents: Parent[] }> {
  const c = await castMentoring(t);
  const fixtures = new MentoringFixtures(t, c);
  const mentorship = await fixtures.mentorship('ACTIVE');
  const session = await t
    .http()
    .post(`/api/mentorships/${mentorship.id}/sessions`)
    .set('authorization', c.mentor.auth)
    .send({ scheduledAt: '2031-03-02T02:00:00.000Z', mode: 'online', agenda: 'Rapat' })
    .expect(201);
  const [{ innovation_id: innovationId }] = await t
    .em()
    .execute<{ innovation_id: string }[]>('select innovation_id from replications where id = ?', [mentorship.replicationId]);
  const [{ id: playbookId }] = await t
    .em()
    .execute<{ id: string }[]>('select id from playbooks where replication_id = ?', [mentorship.replicationId]);
  const thread = await t
    .http()
    .post('/api/threads')
    .set('authorization', c.repMember.auth)
    .send({ replicationId: mentorship.replicationId, title: 'Dokumen PKS', body: 'Draf terlampir' })
    .expect(201);
  const post = thread.body.firstPost.id as string;
  return {
    cast: c,
    parents: [
      { name: 'replication', path: `/api/replications/${mentorship.replicationId}/attachments`, editor: c.repMember, reader: c.outsider },
      { name: 'innovation', path: `/api/innovations/${innovationId}/attachments`, editor: c.originMember, reader: c.repMember },
      { name: 'post', path: `/api/posts/${post}/attachments`, editor: c.repMember, reader: c.originMember, outsider: c.outsider },
      { name: 'playbook', path: `/api/playbooks/${playbookId}/attachments`, editor: c.originMember, outsider: c.outsider },
      {
        name: 'session',
        path: `/api/mentorships/${mentorship.id}/sessions/${session.body.id}/attachments`,
        editor: c.mentor,
        reader: c.facMember,
        outsider: c.outsider,
      },
    ],
  };
}
