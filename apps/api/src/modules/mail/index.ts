export { MailQueue } from './mail-queue.service';
export type { MailAttachment } from './mail-queue.service';
export { digestMail, notificationMail } from './mail-templates';
export { verifyEmailMail } from './mail-templates';
export { passwordChangedMail } from './mail-templates';
export { passwordResetMail } from './mail-templates';
export { invitationMail } from './mail-templates';
export { MailModule } from './mail.module';
