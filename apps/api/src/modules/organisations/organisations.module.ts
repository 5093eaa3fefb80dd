import { Global, Module } from '@nestjs/common';
import { AccessEvents, AccessService } from './access.service';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsService } from './organisations.service';
import { PeopleModule } from '../people';

/** Global: AccessService and AccessEvents are the permission checks every feature reuses. */
@Global()
@Module({
  imports: [PeopleModule],
  controllers: [OrganisationsController],
  providers: [OrganisationsService, AccessService, AccessEvents],
  exports: [AccessService, AccessEvents],
})
export class OrganisationsModule {}
