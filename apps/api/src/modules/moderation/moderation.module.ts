import { Module } from '@nestjs/common';
import { DiscussionsModule } from '../discussions/discussions.module';
import { ModerationController } from './moderation.controller';
import { ModerationService } from './moderation.service';

/** Flags, the weighted queue with claims, hide/restore, thread controls, suspensions, audit. */
@Module({
  imports: [DiscussionsModule],
  controllers: [ModerationController],
  providers: [ModerationService],
})
export class ModerationModule {}
