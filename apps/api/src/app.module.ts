import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { AuthCoreModule } from '@app/auth';
import { APP_CONFIG, AppConfig, ErrorFilter } from '@app/common';
import { ormConfig } from '@app/database';
import { AttachmentsModule } from './modules/attachments';
import { AuthModule } from './modules/auth';
import { DemoModule } from './modules/demo';
import { EvidenceModule } from './modules/evidence';
import { DiscussionsModule } from './modules/discussions';
import { HealthModule } from './modules/health';
import { InvitationsModule } from './modules/invitations';
import { MailModule } from './modules/mail';
import { InnovationsModule } from './modules/innovations';
import { MentoringModule } from './modules/mentoring';
import { MetricsModule } from './modules/metrics';
import { ModerationModule } from './modules/moderation';
import { NotificationsModule } from './modules/notifications';
import { OrganisationsModule } from './modules/organisations';
import { PeopleModule } from './modules/people';
import { PlaybooksModule } from './modules/playbooks';
import { RealtimeModule } from './modules/realtime';
import { RegionsModule } from './modules/regions';
import { ReplicationsModule } from './modules/replications';
import { SearchModule } from './modules/search';

/** What the process resolved at start-up, beyond the environment. */
export interface RuntimeOptions {
  databaseUrl: string;
  jwtSecret: string;
}

/** Feature modules, one folder each under modules/. */
const FEATURES = [
  AuthModule,
  OrganisationsModule,
  NotificationsModule,
  RealtimeModule,
  HealthModule,
  DemoModule,
  SearchModule,
  PlaybooksModule,
  RegionsModule,
  InnovationsModule,
  ReplicationsModule, // catalogue: regions, innovations, replications
  DiscussionsModule,
  ModerationModule, // discussions, moderation
  MentoringModule, // mentoring
  MetricsModule, // metrics
  EvidenceModule, // replication evidence: checklists, indicators, documents, campaigns, hub
  MailModule,
  PeopleModule,
  InvitationsModule,
  AttachmentsModule, // people, email and files
];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, runtime: RuntimeOptions): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        MikroOrmModule.forRoot(ormConfig(runtime.databaseUrl)),
        AuthCoreModule.forRoot({ secret: runtime.jwtSecret, accessTokenTtlSeconds: config.accessTokenTtlSeconds }),
        ...FEATURES,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
      exports: [APP_CONFIG],
    };
  }
}
