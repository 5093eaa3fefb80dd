import { Module } from '@nestjs/common';
import { DiscussionsModule } from '../discussions';
import { MentoringModule } from '../mentoring';
import { PeopleModule } from '../people';
import { PlaybooksModule } from '../playbooks';
import { AttachmentLookup } from './attachment-lookup.service';
import { AttachmentParents } from './attachment-parents.service';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsService } from './attachments.service';
import { AvatarController } from './avatar.controller';

/**
 * Files on replications, innovations, posts, playbooks, sessions and users (avatars). Not global:
 * it depends on the parents' modules, and a module that checks an `attachmentId` imports it.
 */
@Module({
  imports: [DiscussionsModule, MentoringModule, PlaybooksModule, PeopleModule],
  controllers: [AttachmentsController, AvatarController],
  providers: [AttachmentsService, AttachmentParents, AttachmentLookup],
  exports: [AttachmentsService, AttachmentLookup, AttachmentParents],
})
export class AttachmentsModule {}
