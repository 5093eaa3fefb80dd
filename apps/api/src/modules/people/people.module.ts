import { Module } from '@nestjs/common';
import { PeopleController } from './people.controller';
import { PeopleService } from './people.service';
import { VerifiedEmailPolicy } from './verified-email.policy';

/** The people directory and profiles, and VerifiedEmailPolicy (imported by discussions, organisations, attachments). */
@Module({
  controllers: [PeopleController],
  providers: [PeopleService, VerifiedEmailPolicy],
  exports: [PeopleService, VerifiedEmailPolicy],
})
export class PeopleModule {}
