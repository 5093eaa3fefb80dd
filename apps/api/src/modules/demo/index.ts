// Public surface of the demo module: what other modules may import.
export { DemoService, DEMO_SEEDERS } from './demo.service';
export { DEMO_PASSWORD } from './demo.context';
export type { DemoContext, DemoSeeder } from './demo.context';
export { DEMO_ACCOUNTS } from './seed-organisations';
export { DemoModule } from './demo.module';
