// Public surface of the regions module: what other modules may import.
export { RegionsService, REGION_CODE_FORMAT } from './regions.service';
export type { Region } from './regions.service';
export { RegionsModule } from './regions.module';
