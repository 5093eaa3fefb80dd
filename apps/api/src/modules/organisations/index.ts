// Public surface of the organisations module: what other modules may import.
export { OrganisationsModule } from './organisations.module';
export { AccessEvents, AccessService } from './access.service';
export type { AccessChange } from './access.service';
