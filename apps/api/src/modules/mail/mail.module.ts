import { Module } from '@nestjs/common';
import { MailController } from './mail.controller';
import { MailQueue } from './mail-queue.service';
import { MailWorker } from './mail-worker.service';

/** The mail queue and its worker; modules that send mail import it (auth, invitations, notifications, evidence). */
@Module({
  controllers: [MailController],
  providers: [MailQueue, MailWorker],
  exports: [MailQueue, MailWorker],
})
export class MailModule {}
