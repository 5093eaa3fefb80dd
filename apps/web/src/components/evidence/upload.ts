import { fillPath } from '../../api/routes';
import { EVIDENCE_ROUTES } from '../../api/routes-evidence';
import { rawFetch, saveResponse } from '../../api/raw';
import type { Attachment } from '../../api/evidence-types';

/** Uploads a file as an attachment of the replication (multipart field `file`), for use as evidence. */
export async function uploadEvidence(replicationId: string, file: File): Promise<Attachment> {
  const body = new FormData();
  body.append('file', file);
  const res = await rawFetch('POST', fillPath(EVIDENCE_ROUTES.uploadReplicationAttachment[1], { id: replicationId }), { body });
  return (await res.json()) as Attachment;
}

/** Downloads an attachment (signed in, so not a plain link). */
export async function downloadAttachment(id: string): Promise<void> {
  await saveResponse(await rawFetch('GET', `/api/attachments/${encodeURIComponent(id)}`), 'bukti');
}
