import { Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { DiscussionsModule } from '../discussions';
import { ModerationController } from './moderation.controller';
import { ModerationService } from './moderation.service';

/** Flags, the weighted queue with claims, hide/restore, thread controls, suspensions, audit. */
@Module({
  imports: [DiscussionsModule, AuditModule],
  controllers: [ModerationController],
  providers: [ModerationService],
})
export class ModerationModule {}
