// Public surface of the organisations module: what other modules may import.
export { AccessEvents, AccessService } from './access.service';
export type { AccessChange } from './access.service';
export { OrganisationsModule } from './organisations.module';
