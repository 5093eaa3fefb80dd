import { rawFetch, saveResponse } from '../../api/raw';
import { type Attachment, uploadAttachment } from '../attachments/AttachmentsPanel';

/** Uploads a file as an attachment of the replication, for use as evidence (the attachments panel's upload). */
export function uploadEvidence(replicationId: string, file: File): Promise<Attachment> {
  return uploadAttachment('replication', replicationId, file);
}

/** Downloads an attachment (signed in, so not a plain link). */
export async function downloadAttachment(id: string): Promise<void> {
  await saveResponse(await rawFetch('GET', `/api/attachments/${encodeURIComponent(id)}`), 'bukti');
}
