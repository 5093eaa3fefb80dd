import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

export const DOCUMENT_KINDS = ['agreement', 'certificate', 'report'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const REPLICATION_DOCUMENT_KINDS = ['agreement', 'certificate'] as const;

export class RevokeDocumentDto {
  @ApiProperty({ maxLength: 1000 })
  @IsString()
  @MaxLength(1000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason!: string;
}

export class VerificationView {
  @ApiProperty({ description: 'issued and not revoked' }) valid!: boolean;
  @ApiProperty({ enum: DOCUMENT_KINDS }) kind!: string;
  @ApiProperty() code!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'what was certified, as recorded when the code was issued' }) subject!: Record<string, unknown>;
  @ApiProperty({ description: 'who issues the document' }) issuer!: string;
  @ApiProperty() issuedAt!: string;
  @ApiPropertyOptional() revokedAt?: string;
  @ApiPropertyOptional() revokeReason?: string;
}

export interface DocumentRow {
  id: string;
  code: string;
  kind: DocumentKind;
  subject: Record<string, unknown>;
  issued_at: Date;
  revoked_at: Date | null;
  revoke_reason: string | null;
}

export const ISSUER = 'JIPPNas Kolaborasi (KemenPANRB, Kemendagri, LAN)';

export function verificationView(d: DocumentRow): VerificationView {
  return {
    valid: d.revoked_at === null,
    kind: d.kind,
    code: d.code,
    subject: d.subject,
    issuer: ISSUER,
    issuedAt: new Date(d.issued_at).toISOString(),
    ...(d.revoked_at ? { revokedAt: new Date(d.revoked_at).toISOString() } : {}),
    ...(d.revoke_reason ? { revokeReason: d.revoke_reason } : {}),
  };
}
