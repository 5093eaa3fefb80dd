import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { AttachmentStore } from './attachment-store';

/** S3's smallest multipart part (except the last): the most one upload holds in memory. */
const PART_BYTES = 5 * 1024 * 1024;

export interface S3Location {
  client: S3Client;
  bucket: string;
  prefix: string;
}

/**
 * `S3_URL`: `http(s)://KEY:SECRET@host:port/bucket[/prefix]?region=…` for an S3-compatible server
 * (path-style), or `s3://KEY:SECRET@bucket[/prefix]?region=…` for AWS itself.
 */
export function parseS3Url(raw: string): S3Location {
  const u = new URL(raw);
  const credentials = { accessKeyId: decodeURIComponent(u.username), secretAccessKey: decodeURIComponent(u.password) };
  const region = u.searchParams.get('region') ?? 'us-east-1';
  const segments = u.pathname.split('/').filter(Boolean);
  if (u.protocol === 's3:') {
    return { client: new S3Client({ region, credentials }), bucket: u.hostname, prefix: segments.join('/') };
  }
  const [bucket, ...prefix] = segments;
  if (!bucket) throw new Error('S3_URL needs the bucket as its path, e.g. http://key:secret@host:9000/attachments');
  return { client: new S3Client({ region, credentials, endpoint: u.origin, forcePathStyle: true }), bucket, prefix: prefix.join('/') };
}

/** Bytes as objects in one bucket; uploads stream as 5 MiB multipart parts. */
export class S3AttachmentStore implements AttachmentStore {
  readonly kind = 's3' as const;

  constructor(private readonly s3: S3Location) {}

  private key(id: string): string {
    return this.s3.prefix ? `${this.s3.prefix}/${id}` : id;
  }

  async write(id: string, source: AsyncIterable<Buffer>): Promise<{ size: number; key: string }> {
    const Key = this.key(id);
    const { client, bucket: Bucket } = this.s3;
    let part: Buffer[] = [];
    let partBytes = 0;
    let size = 0;
    let uploadId: string | undefined;
    const parts: { ETag: string; PartNumber: number }[] = [];
    const sendPart = async () => {
      if (!uploadId) uploadId = (await client.send(new CreateMultipartUploadCommand({ Bucket, Key }))).UploadId!;
      const PartNumber = parts.length + 1;
      const res = await client.send(new UploadPartCommand({ Bucket, Key, UploadId: uploadId, PartNumber, Body: Buffer.concat(part) }));
      parts.push({ ETag: res.ETag!, PartNumber });
      part = [];
      partBytes = 0;
    };
    try {
      for await (const chunk of source) {
        size += chunk.length;
        part.push(chunk);
        partBytes += chunk.length;
        if (partBytes >= PART_BYTES) await sendPart();
      }
      if (!uploadId) {
        // Small files: one PUT, no multipart ceremony.
        await client.send(new PutObjectCommand({ Bucket, Key, Body: Buffer.concat(part), ContentLength: partBytes }));
        return { size, key: Key };
      }
      if (partBytes > 0) await sendPart();
      await client.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId: uploadId, MultipartUpload: { Parts: parts } }));
      return { size, key: Key };
    } catch (error) {
      if (uploadId) await client.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId: uploadId })).catch(() => undefined);
      throw error;
    }
  }

  async read(id: string, key: string | null): Promise<Readable> {
    const res = await this.s3.client.send(new GetObjectCommand({ Bucket: this.s3.bucket, Key: key ?? this.key(id) }));
    return res.Body as Readable;
  }

  async remove(id: string, key: string | null): Promise<void> {
    await this.s3.client.send(new DeleteObjectCommand({ Bucket: this.s3.bucket, Key: key ?? this.key(id) }));
  }
}
