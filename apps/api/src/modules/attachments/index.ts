export { AttachmentsService } from './attachments.service';
export { AttachmentsModule } from './attachments.module';
