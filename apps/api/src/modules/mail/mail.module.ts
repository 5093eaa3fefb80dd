import { Global, Module } from '@nestjs/common';
import { MailController } from './mail.controller';
import { MailQueue } from './mail-queue.service';
import { MailWorker } from './mail-worker.service';

/** Global: any feature can queue a mail (MailQueue.enqueue). */
@Global()
@Module({
  controllers: [MailController],
  providers: [MailQueue, MailWorker],
  exports: [MailQueue, MailWorker],
})
export class MailModule {}
