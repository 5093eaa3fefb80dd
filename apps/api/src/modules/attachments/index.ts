export { AttachmentsModule } from './attachments.module';
export { AttachmentsService } from './attachments.service';
