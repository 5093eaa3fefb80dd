import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { APP_CONFIG, AppError, forbidden, notFound, orderBySql } from '@app/common';
import type { AppConfig } from '@app/common';
import { ATTACHMENT_ORDER, ATTACHMENT_SELECT, AttachmentDto, AttachmentLinkDto, AttachmentRow, toAttachment } from './attachments.dto';
import { AttachmentParents, ParentRef } from './attachment-parents.service';
import { AttachmentStore, PgAttachmentStore } from './attachment-store';
import { contentDisposition, INLINE_IMAGES, servedContentType } from './attachment-types';
import { receiveUpload } from './attachment-upload';
import { parseS3Url, S3AttachmentStore } from './s3-attachment-store';

/**
 * Signed links live five minutes: long enough for a page's images to load, short enough that a
 * leaked one (a proxy log, a copied address) is soon useless. Access is checked when it is issued.
 */
export const LINK_SECONDS = 300;

export interface Download {
  headers: Record<string, string>;
  body: Readable;
}

/** Upload, list, download, rename and delete files on any parent; access is the parent's. */
@Injectable()
export class AttachmentsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Attachments');
  private readonly pg: PgAttachmentStore;
  private readonly s3?: S3AttachmentStore;

  constructor(
    private readonly em: EntityManager,
    private readonly parents: AttachmentParents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
  ) {
    this.pg = new PgAttachmentStore(em.config.get('clientUrl')!);
    if (config.s3Url) this.s3 = new S3AttachmentStore(parseS3Url(config.s3Url));
  }

  /** New uploads go to S3 when configured; each row remembers its store, so both stay readable. */
  private get writer(): AttachmentStore {
    return this.s3 ?? this.pg;
  }

  private storeOf(row: Pick<AttachmentRow, 'storage'>): AttachmentStore {
    if (row.storage === 'pg') return this.pg;
    if (!this.s3) throw new Error('This attachment is in S3, but S3_URL is not set');
    return this.s3;
  }

  /** Uploads interrupted by a crash leave an incomplete row: remove those older than a day. */
  async onApplicationBootstrap(): Promise<void> {
    await this.em
      .fork()
      .execute(`delete from attachments where not complete and created_at < now() - interval '1 day'`)
      .catch((e: Error) => this.log.warn(`cleanup of incomplete uploads failed: ${e.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pg.close();
  }

  async upload(user: AuthUser, parent: ParentRef, req: Readable & { headers: IncomingHttpHeaders }): Promise<AttachmentDto> {
    await this.parents.assert(user, parent, 'edit');
    const id = await receiveUpload(req, this.config.attachmentMaxBytes, async (file) => {
      const id = randomUUID();
      const store = this.writer;
      const conn = this.em.fork().getConnection();
      await conn.execute(
        'insert into attachments (id, parent_type, parent_id, name, content_type, storage, created_by_id) values (?, ?, ?, ?, ?, ?, ?)',
        [id, parent.type, parent.id, file.name, file.contentType, store.kind, user.id],
      );
      try {
        const { size, key } = await store.write(id, file.bytes);
        await conn.execute('update attachments set size = ?, storage_key = ?, complete = true where id = ?', [size, key, id]);
        return id;
      } catch (error) {
        await conn.execute('delete from attachments where id = ?', [id]);
        if (store.kind === 's3') await store.remove(id, null).catch(() => undefined);
        throw error;
      }
    });
    return toAttachment(await this.row(id));
  }

  async list(user: AuthUser, parent: ParentRef, sort?: string): Promise<{ items: AttachmentDto[] }> {
    await this.parents.assert(user, parent, 'read');
    const rows = await this.em.execute<AttachmentRow[]>(
      `${ATTACHMENT_SELECT} where a.parent_type = ? and a.parent_id = ? and a.complete order by ${orderBySql(sort, 'created', ATTACHMENT_ORDER, 'a.id')}`,
      [parent.type, parent.id],
    );
    return { items: rows.map(toAttachment) };
  }

  async get(user: AuthUser, id: string): Promise<AttachmentDto> {
    const row = await this.readable(user, id);
    return toAttachment(row);
  }

  async download(user: AuthUser, id: string): Promise<Download> {
    return this.serve(await this.readable(user, id));
  }

  /**
   * A URL for this one file that needs no bearer token (an `<img src>` cannot send one), signed
   * with the server's secret and expiring after LINK_SECONDS.
   */
  async link(user: AuthUser, id: string): Promise<AttachmentLinkDto> {
    const row = await this.readable(user, id);
    const token = this.jwt.sign({ typ: 'attachment', sub: row.id }, { expiresIn: LINK_SECONDS });
    const { exp } = this.jwt.decode<{ exp: number }>(token);
    return { url: `/api/attachments/${row.id}/signed?token=${token}`, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** The bytes behind a signed link; the token must be one of ours, for this file, unexpired. */
  async downloadSigned(id: string, token: string): Promise<Download> {
    let payload: { typ?: unknown; sub?: unknown };
    try {
      payload = this.jwt.verify(token, { algorithms: ['HS256'] });
    } catch (e) {
      if ((e as Error).name === 'TokenExpiredError')
        throw new AppError('ATTACHMENT_LINK_EXPIRED', 'This link has expired; ask for a new one');
      throw new AppError('ATTACHMENT_LINK_INVALID', 'This link is not valid');
    }
    if (payload.typ !== 'attachment' || payload.sub !== id) throw new AppError('ATTACHMENT_LINK_INVALID', 'This link is not valid');
    return this.serve(await this.row(id));
  }

  private async serve(row: AttachmentRow): Promise<Download> {
    const inline = INLINE_IMAGES.has(row.content_type);
    const body = await this.storeOf(row).read(row.id, row.storage_key);
    return {
      body,
      headers: {
        'content-type': servedContentType(row.content_type),
        'content-length': String(row.size),
        'content-disposition': contentDisposition(row.name, inline),
        'x-content-type-options': 'nosniff',
        // Even if a browser rendered it, the file could run nothing and load nothing.
        'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
        'cache-control': 'private, max-age=0, must-revalidate',
      },
    };
  }

  async rename(user: AuthUser, id: string, name: string): Promise<AttachmentDto> {
    const row = await this.changeable(user, id);
    await this.em.execute('update attachments set name = ? where id = ?', [
      name.replace(/[\u0000-\u001f\u007f/\\]/g, '').slice(0, 200) || 'berkas',
      row.id,
    ]);
    return toAttachment(await this.row(row.id));
  }

  async remove(user: AuthUser, id: string): Promise<void> {
    const row = await this.changeable(user, id);
    await this.em.execute('delete from attachments where id = ?', [row.id]);
    if (row.storage === 's3')
      await this.storeOf(row)
        .remove(row.id, row.storage_key)
        .catch((e: Error) => this.log.warn(`S3 object of ${row.id} not removed: ${e.message}`));
    await this.em.execute('update users set avatar_attachment_id = null where avatar_attachment_id = ?', [row.id]);
  }

  /** Deletes an attachment without an access check (its owner already decided, e.g. a replaced avatar). */
  async removeUnchecked(id: string): Promise<void> {
    const [row] = await this.em.execute<AttachmentRow[]>(`${ATTACHMENT_SELECT} where a.id = ?`, [id]);
    if (!row) return;
    await this.em.execute('delete from attachments where id = ?', [id]);
    if (row.storage === 's3')
      await this.storeOf(row)
        .remove(row.id, row.storage_key)
        .catch(() => undefined);
  }

  private async row(id: string): Promise<AttachmentRow> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw notFound('Attachment');
    const [row] = await this.em.fork().execute<AttachmentRow[]>(`${ATTACHMENT_SELECT} where a.id = ? and a.complete`, [id]);
    if (!row) throw notFound('Attachment');
    return row;
  }

  private parentOf(row: AttachmentRow): ParentRef {
    return { type: row.parent_type as ParentRef['type'], id: row.parent_id };
  }

  private async readable(user: AuthUser, id: string): Promise<AttachmentRow> {
    const row = await this.row(id);
    await this.parents.assert(user, this.parentOf(row), 'read');
    return row;
  }

  /** Renaming and deleting: the uploader (while they can still read it), or the parent's editors. */
  private async changeable(user: AuthUser, id: string): Promise<AttachmentRow> {
    const row = await this.readable(user, id);
    if (row.created_by_id === user.id) return row;
    try {
      await this.parents.assert(user, this.parentOf(row), 'edit');
    } catch {
      throw forbidden('Only the uploader or those who may edit its parent may change this file');
    }
    return row;
  }
}
