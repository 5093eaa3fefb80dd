export { VerifiedEmailPolicy } from './verified-email.policy';
export { PeopleModule } from './people.module';
