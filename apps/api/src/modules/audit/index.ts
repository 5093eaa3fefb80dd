// Public surface of the audit module.
export { AUDIT_SORT, AuditLog } from './audit-log.service';
export type { AuditFilter } from './audit-log.service';
export { writeAudit } from './audit';
export type { AuditAction, AuditEntry } from './audit';
export { AuditModule } from './audit.module';
