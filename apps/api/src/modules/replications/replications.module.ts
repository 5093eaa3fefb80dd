import { Module } from '@nestjs/common';
import { RegistryExportService } from './registry-export.service';
import { PlaybooksModule } from '../playbooks';
import { ReplicationStatsService } from './replication-stats.service';
import { ReplicationsController } from './replications.controller';
import { ReplicationsService } from './replications.service';
import { EvidenceModule } from '../evidence';

/** The replication registry: proposals, the stage machine, history, statistics. */
@Module({
  imports: [PlaybooksModule, EvidenceModule],
  controllers: [ReplicationsController],
  providers: [ReplicationsService, ReplicationStatsService, RegistryExportService],
  exports: [ReplicationsService],
})
export class ReplicationsModule {}
