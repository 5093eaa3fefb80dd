// Public surface of the moderation module: what other modules may import.
export { ModerationModule } from './moderation.module';
export { FlagsRepository } from './flags.repository';
export type { FlagRecord, NewFlag } from './flags.repository';
export { ModerationQueueRepository } from './moderation-queue.repository';
export type { QueueItemRecord, QueueStatus } from './moderation-queue.repository';
export { SuspensionsRepository } from './suspensions.repository';
export type { SuspensionRecord } from './suspensions.repository';
