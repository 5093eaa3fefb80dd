import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuthCoreModule } from '@app/auth';
import { APP_CONFIG, AppConfig, ErrorFilter } from '@app/common';
import { ormConfig } from '@app/database';
import { AuthModule } from './modules/auth/auth.module';
import { DemoModule } from './modules/demo/demo.module';
import { DiscussionsModule } from './modules/discussions/discussions.module';
import { HealthModule } from './modules/health/health.module';
import { InnovationsModule } from './modules/innovations/innovations.module';
import { MentoringModule } from './modules/mentoring/mentoring.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { ModerationModule } from './modules/moderation/moderation.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { OrganisationsModule } from './modules/organisations/organisations.module';
import { PlaybooksModule } from './modules/playbooks/playbooks.module';
import { RealtimeModule } from './modules/realtime/realtime.module';
import { RegionsModule } from './modules/regions/regions.module';
import { ReplicationsModule } from './modules/replications/replications.module';
import { SearchModule } from './modules/search/search.module';

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
  RegionsModule, InnovationsModule, ReplicationsModule, // catalogue: regions, innovations, replications
  DiscussionsModule, ModerationModule, // discussions, moderation
  MentoringModule, // mentoring
  MetricsModule, // metrics
];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, runtime: RuntimeOptions): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        MikroOrmModule.forRoot(ormConfig(runtime.databaseUrl)),
        // Sign-in, registration and refresh: AUTH_RATE_LIMIT per minute per client address.
        ThrottlerModule.forRoot({ throttlers: [{ name: 'auth', ttl: 60_000, limit: config.authRateLimit }] }),
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
