import { Module } from '@nestjs/common';
import { PlaybooksModule } from '../playbooks';
import { ReplicationStatsService } from './replication-stats.service';
import { ReplicationsController } from './replications.controller';
import { ReplicationsService } from './replications.service';

/** The replication registry: proposals, the stage machine, history, statistics. */
@Module({
  imports: [PlaybooksModule],
  controllers: [ReplicationsController],
  providers: [ReplicationsService, ReplicationStatsService],
  exports: [ReplicationsService],
})
export class ReplicationsModule {}
