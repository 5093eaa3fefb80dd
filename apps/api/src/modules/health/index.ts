// Public surface of the health module: what other modules may import.
export { HealthModule } from './health.module';
