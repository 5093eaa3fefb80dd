// Public surface of the replications module: what other modules may import.
export { ReplicationsService } from './replications.service';
export { INACTIVE_STAGES, nextStages, REPLICATION_TRANSITIONS, UNCOUNTED_STAGES } from './replication-stages';
export { ReplicationsModule } from './replications.module';
