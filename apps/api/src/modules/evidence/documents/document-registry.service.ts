import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@app/auth';
import { AppError, forbidden, notFound } from '@app/common';
import { AccessService } from '../../organisations';
import { DocumentKind, DocumentRow, verificationView, VerificationView } from './documents.dto';
import { newVerificationCode, normaliseVerificationCode } from './verification-code';

const COLUMNS = 'id, code, kind, subject, issued_at, revoked_at, revoke_reason';

/**
 * Issued documents and their verification codes. A subject (a replication's agreement or
 * certificate, a mentorship's report) keeps one live code: asking again returns the same code,
 * so every copy printed verifies alike; once a curator revokes it, the next request issues a new
 * code. The partial unique index `evidence_documents_live` makes that hold under concurrency.
 */
@Injectable()
export class DocumentRegistry {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
  ) {}

  async issue(em: EntityManager, kind: DocumentKind, subjectId: string, link: { replicationId?: string; mentorshipId?: string }, subject: Record<string, unknown>, userId: string): Promise<DocumentRow> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const [live] = await em.execute<DocumentRow[]>(`select ${COLUMNS} from evidence_documents where kind = ? and subject_id = ? and revoked_at is null`, [kind, subjectId]);
      if (live) return live;
      const [made] = await em.execute<DocumentRow[]>(
        `insert into evidence_documents (id, code, kind, subject_id, replication_id, mentorship_id, subject, issued_by_id)
         values (?, ?, ?, ?, ?, ?, ?::jsonb, ?) on conflict do nothing returning ${COLUMNS}`,
        [randomUUID(), newVerificationCode(), kind, subjectId, link.replicationId ?? null, link.mentorshipId ?? null, JSON.stringify(subject), userId],
      );
      if (made) return made;
      // Another request issued it meanwhile (or, once in 2^60, the code was taken): read again.
    }
    throw new AppError('CONFLICT', 'Could not issue the document, try again');
  }

  async verify(code: string): Promise<VerificationView> {
    const normal = normaliseVerificationCode(code);
    const [row] = normal ? await this.em.fork().execute<DocumentRow[]>(`select ${COLUMNS} from evidence_documents where code = ?`, [normal]) : [];
    if (!row) throw notFound('Verification code');
    return verificationView(row);
  }

  async revoke(user: AuthUser, code: string, reason: string): Promise<VerificationView> {
    if (!this.access.hasRole(user, 'curator', 'admin')) throw forbidden('Only curators and admins revoke documents');
    const normal = normaliseVerificationCode(code);
    const em = this.em.fork();
    const [row] = normal ? await em.execute<DocumentRow[]>(`select ${COLUMNS} from evidence_documents where code = ?`, [normal]) : [];
    if (!row) throw notFound('Verification code');
    const [revoked] = await em.execute<DocumentRow[]>(
      `update evidence_documents set revoked_at = now(), revoked_by_id = ?, revoke_reason = ? where id = ? and revoked_at is null returning ${COLUMNS}`,
      [user.id, reason.trim(), row.id],
    );
    if (!revoked) throw new AppError('DOCUMENT_REVOKED', 'This document was already revoked');
    return verificationView(revoked);
  }
}
