export { PeopleModule } from './people.module';
export { VerifiedEmailPolicy } from './verified-email.policy';
