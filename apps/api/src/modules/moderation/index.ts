// Public surface of the moderation module: what other modules may import.
export { ModerationModule } from './moderation.module';
