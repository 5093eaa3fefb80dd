import { Global, Module } from '@nestjs/common';
import { DiscussionsModule } from '../discussions';
import { MentoringModule } from '../mentoring';
import { PlaybooksModule } from '../playbooks';
import { AttachmentLookup } from './attachment-lookup.service';
import { AttachmentParents } from './attachment-parents.service';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsService } from './attachments.service';

/** Global: AttachmentLookup lets other modules check an `attachmentId` they are given. */
@Global()
@Module({
  imports: [DiscussionsModule, MentoringModule, PlaybooksModule],
  controllers: [AttachmentsController],
  providers: [AttachmentsService, AttachmentParents, AttachmentLookup],
  exports: [AttachmentsService, AttachmentLookup, AttachmentParents],
})
export class AttachmentsModule {}
