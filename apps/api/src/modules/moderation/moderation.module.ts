import { Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { DiscussionsModule } from '../discussions';
import { FlagsRepository } from './flags.repository';
import { ModerationController } from './moderation.controller';
import { ModerationQueueRepository } from './moderation-queue.repository';
import { ModerationService } from './moderation.service';
import { SuspensionsRepository } from './suspensions.repository';

/** Flags, the weighted queue with claims, hide/restore, thread controls, suspensions, audit. */
@Module({
  imports: [DiscussionsModule, AuditModule],
  controllers: [ModerationController],
  providers: [ModerationService, ModerationQueueRepository, FlagsRepository, SuspensionsRepository],
})
export class ModerationModule {}
