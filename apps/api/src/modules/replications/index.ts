// Public surface of the replications module: what other modules may import.
export { ReplicationsModule } from './replications.module';
export { ReplicationsService } from './replications.service';
export { INACTIVE_STAGES, nextStages, REPLICATION_TRANSITIONS, UNCOUNTED_STAGES } from './replication-stages';
