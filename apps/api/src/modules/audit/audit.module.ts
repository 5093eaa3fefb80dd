import { Module } from '@nestjs/common';
import { AuditLog } from './audit-log.service';

/** The moderation audit log, shared by discussions (accepted answers) and moderation. */
@Module({
  providers: [AuditLog],
  exports: [AuditLog],
})
export class AuditModule {}
