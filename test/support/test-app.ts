import { randomBytes, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import request from 'supertest';
import { TokenService } from '@app/auth';
import { AppConfig, loadConfig } from '@app/common';
import {
  Agency,
  AgencyKind,
  Innovation,
  InnovationSource,
  Membership,
  PlatformRole,
  Playbook,
  RefreshToken,
  Replication,
  ReplicationTransition,
  Unit,
  UnitRole,
  User,
  migrateDatabase,
} from '@app/database';
import { buildApp } from '../../apps/api/src/bootstrap';
import { PlaybookFactory } from '../../apps/api/src/modules/playbooks';

/** A precomputed argon2id hash of TEST_PASSWORD, so fixtures cost no hashing time. */
export const TEST_PASSWORD = 'password123';
const TEST_PASSWORD_HASH = '$argon2id$v=19$m=19456,p=1,t=2$YlmLm26YNTPJg8l8pGu9hQ$Ni2fwtAecwUVtdwvmA29b2DGCsgVtZIAJ0RnnxSLyy0';

export interface TestUser {
  id: string;
  email: string;
  name: string;
  token: string;
  /** The sign-in session the token belongs to. */
  sessionId: string;
  /** `Authorization` header value. */
  auth: string;
}

/** Creates an empty database from the run's PostgreSQL and applies every migration. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.TEST_PG_ADMIN_URL;
  if (!adminUrl) throw new Error('TEST_PG_ADMIN_URL is not set: run tests through jest (its global setup starts PostgreSQL)');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  await migrateDatabase(url);
  return {
    url,
    drop: async () => {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await c.end();
    },
  };
}

/**
 * The real application on a fresh database, listening on a free port: what e2e tests drive
 * with supertest, socket.io-client and y-websocket.
 */
export class TestApp {
  app!: INestApplication;
  server!: Server;
  config!: AppConfig;
  databaseUrl!: string;
  private dropDb?: () => Promise<void>;
  private seq = 0;

  static async start(env: Record<string, string> = {}): Promise<TestApp> {
    const t = new TestApp();
    const db = await createTestDatabase();
    t.databaseUrl = db.url;
    t.dropDb = db.drop;
    t.env = env;
    await t.boot();
    return t;
  }

  private env: Record<string, string> = {};

  /**
   * Graceful restart on the same database (app.close() then a fresh app), as a deploy would
   * do: what was stored must survive. The port changes.
   */
  async restart(): Promise<void> {
    await this.app.close();
    await this.boot();
  }

  private async boot(): Promise<void> {
    const db = { url: this.databaseUrl };
    this.config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      AUTH_RATE_LIMIT: '10000',
      DATABASE_URL: db.url,
      JWT_SECRET: 'test-secret-test-secret-test-secret',
      ...this.env,
    });
    const { app } = await buildApp(this.config, { databaseUrl: db.url, jwtSecret: this.config.jwtSecret! });
    await app.listen(0, '127.0.0.1');
    this.app = app;
    this.server = app.getHttpServer();
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }
  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** supertest bound to the running server. */
  http() {
    return request(this.server);
  }

  /** A fresh EntityManager fork for direct fixtures and assertions. */
  em(): EntityManager {
    return this.app.get(EntityManager).fork();
  }

  get<T>(token: unknown): T {
    return this.app.get(token as never);
  }

  uniq(prefix = 'x'): string {
    return `${prefix}${++this.seq}${randomBytes(3).toString('hex')}`;
  }

  /** A user with platform roles and unit memberships, plus a valid access token. */
  async user(
    opts: { roles?: PlatformRole[]; units?: [unitId: string, role: UnitRole][]; name?: string; verified?: boolean } = {},
  ): Promise<TestUser> {
    const em = this.em();
    const email = `${this.uniq('user')}@test.jippnas.id`;
    const user = new User(email, opts.name ?? `Pengguna ${this.seq}`, TEST_PASSWORD_HASH);
    user.roles = [...new Set<PlatformRole>(['user', ...(opts.roles ?? [])])];
    // Fixtures stand for accounts that confirmed their address, unless a test asks otherwise.
    user.emailVerifiedAt = opts.verified === false ? null : new Date();
    em.persist(user);
    for (const [unitId, role] of opts.units ?? []) em.persist(new Membership(em.getReference(Unit, unitId), user, role));
    // A real sign-in session (refresh-token family), so sockets opened with the token live as long as it.
    const sessionId = randomUUID();
    em.persist(new RefreshToken(user, sessionId, randomBytes(16).toString('hex'), new Date(Date.now() + 86_400_000)));
    await em.flush();
    const token = this.get<TokenService>(TokenService).signAccessToken(user.id, sessionId);
    return { id: user.id, email, name: user.name, token, sessionId, auth: `Bearer ${token}` };
  }

  async agency(kind: AgencyKind = 'regency', regionCode: string | null = '33.01'): Promise<Agency> {
    const em = this.em();
    const agency = new Agency(`Pemerintah ${this.uniq('Kab ')}`, kind, regionCode);
    await em.persist(agency).flush();
    return agency;
  }

  async unit(agency?: Agency): Promise<Unit> {
    const em = this.em();
    const a = agency ?? (await this.agency());
    const unit = new Unit(em.getReference(Agency, a.id), `Dinas ${this.uniq('Unit ')}`);
    await em.persist(unit).flush();
    return unit;
  }

  async innovation(
    unitId: string,
    init: Partial<Pick<Innovation, 'title' | 'summary' | 'year' | 'regionCode' | 'sector' | 'tags'>> & { source?: InnovationSource } = {},
  ): Promise<Innovation> {
    const em = this.em();
    const innovation = new Innovation({
      title: init.title ?? `Inovasi ${this.uniq()}`,
      summary: init.summary ?? 'Ringkasan inovasi pelayanan publik',
      unit: em.getReference(Unit, unitId),
      year: init.year ?? 2024,
      source: init.source ?? 'KIPP',
    });
    Object.assign(innovation, { regionCode: init.regionCode ?? null, sector: init.sector ?? null, tags: init.tags ?? [] });
    await em.persist(innovation).flush();
    return innovation;
  }

  /**
   * A replication of an innovation with its playbook record, written directly (fixtures for
   * features that build on replications without going through the catalogue API).
   */
  async replication(opts: {
    originUnitId: string;
    replicatingUnitId: string;
    facilitatorUnitId?: string;
    innovationId?: string;
  }): Promise<{ replication: Replication; playbook: Playbook }> {
    const em = this.em();
    const innovationId = opts.innovationId ?? (await this.innovation(opts.originUnitId)).id;
    const replication = new Replication(
      em.getReference(Innovation, innovationId),
      em.getReference(Unit, opts.originUnitId),
      em.getReference(Unit, opts.replicatingUnitId),
    );
    if (opts.facilitatorUnitId) {
      replication.facilitatorUnit = em.getReference(Unit, opts.facilitatorUnitId);
      replication.model = 'fasilitasi';
    }
    // Through the real factory, so the playbook starts with its initial content like in production.
    const playbook = this.get<PlaybookFactory>(PlaybookFactory).createForReplication(em, replication, 'Playbook replikasi');
    em.persist([replication, new ReplicationTransition(replication, null, 'PROPOSED', null, null)]);
    await em.flush();
    return { replication, playbook };
  }

  async close(): Promise<void> {
    await this.app?.close();
    await this.dropDb?.();
  }
}
