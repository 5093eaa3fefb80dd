export { VerifiedEmailPolicy } from './verified-email.policy';
export { PeopleModule } from './people.module';
export { PeopleService } from './people.service';
export { ProfileDto } from './people.dto';
