import { Global, Module } from '@nestjs/common';
import { PlaybookFactory } from './playbook-factory.service';

@Global()
@Module({
  providers: [PlaybookFactory],
  exports: [PlaybookFactory],
})
export class PlaybooksModule {}
