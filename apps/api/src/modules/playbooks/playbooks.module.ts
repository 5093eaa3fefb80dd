import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics';
import { RealtimeModule } from '../realtime';
import { SearchModule } from '../search';
import { CollabMetrics } from './collab-metrics.provider';
import { CollabAdmission } from './collab/collab-admission';
import { CollabBus } from './collab/collab-bus';
import { CollabDocuments } from './collab/collab-documents.service';
import { CollabOptions } from './collab/collab-options';
import { CollabServer } from './collab/collab-server';
import { CollabSessions } from './collab/collab-sessions';
import { PlaybookStore } from './collab/playbook-store';
import { PlaybookVersionsStore } from './collab/playbook-versions.store';
import { PlaybookAccess } from './playbook-access.service';
import { PlaybookFactory } from './playbook-factory.service';
import { PlaybookSearchProvider } from './playbook-search.provider';
import { PlaybookSeedSubscriber } from './playbook-seed.subscriber';
import { MyPlaybooksService } from './my-playbooks.service';
import { PlaybookContentService } from './playbook-content.service';
import { PlaybooksController } from './playbooks.controller';
import { PlaybooksService } from './playbooks.service';

/**
 * Replication playbooks: records, access, versions, export, search, and the realtime Yjs
 * collaboration socket at `/collab/:playbookId` with its PostgreSQL persistence.
 */
@Module({
  imports: [MetricsModule, SearchModule, RealtimeModule],
  controllers: [PlaybooksController],
  providers: [
    PlaybookFactory,
    PlaybookSeedSubscriber,
    PlaybookAccess,
    PlaybooksService,
    PlaybookContentService,
    MyPlaybooksService,
    PlaybookSearchProvider,
    CollabOptions,
    CollabBus,
    PlaybookStore,
    PlaybookVersionsStore,
    CollabDocuments,
    CollabSessions,
    CollabAdmission,
    CollabServer,
    CollabMetrics,
  ],
  exports: [PlaybookFactory, PlaybookAccess],
})
export class PlaybooksModule {}
