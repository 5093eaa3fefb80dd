// Public surface of the innovations module: what other modules may import.
export { InnovationsService } from './innovations.service';
export { innovationView } from './innovation.view';
export type { InnovationView } from './innovation.view';
export { InnovationsModule } from './innovations.module';
