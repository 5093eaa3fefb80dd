import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Everything the process reads from its environment, validated once at start. */
export interface AppConfig {
  nodeEnv: string;
  port: number;
  /** Unset: an embedded PostgreSQL in `dataDir` is used. */
  databaseUrl?: string;
  redisUrl?: string;
  jwtSecret?: string;
  adminEmail?: string;
  adminPassword?: string;
  authRateLimit: number;
  /** Unset: decided at start (on for the embedded database). */
  demoData?: boolean;
  dataDir: string;
  embeddedPgPort: number;
  corsOrigins: string[] | true;
  trustProxy: boolean;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** Largest JSON body accepted on ordinary endpoints. */
  bodyLimit: string;
  logLevel: string;
  /** `pretty` (one readable line per event) on a terminal outside production, else `json`; `LOG_FORMAT` overrides. */
  logFormat: 'json' | 'pretty';
  /** `MIGRATE_ON_START=1`: migrate on start even in production (single node only). */
  migrateOnStart: boolean;
  /** Identifies this process among several nodes (logs, metrics, Redis). */
  nodeId: string;
  /** Bearer token for Prometheus at `/metrics` (≥ 16 characters); unset: admin tokens only. */
  metricsToken?: string;
  /** Per-user write limits in discussions, per rolling minute. */
  discussion: DiscussionSettings;
  /** Limits and timers of the collaboration server. */
  collab: CollabSettings;
  /** People, email and files (issue 17). Unset: mails go to the outbox table only. */
  smtpUrl?: string;
  mailFrom: string;
  /** Base of links in mails, without a trailing slash. */
  publicUrl: string;
  attachmentMaxBytes: number;
  /** Unset: attachments are stored in PostgreSQL. */
  s3Url?: string;
  /** Unverified accounts may sign in but not post or be added to a unit (EMAIL_VERIFICATION=required). */
  emailVerificationRequired: boolean;
  /** UTC hour (0-23) at which the daily notification digest is mailed. */
  digestHourUtc: number;
  /** How often an idle node looks for due mails, in ms. */
  mailPollMs: number;
  /** socket.io `/realtime`: events one socket may send at once, and refilled per second (token bucket). */
  realtimeEventBurst: number;
  realtimeEventsPerSecond: number;
}

export interface DiscussionSettings {
  postsPerMinute: number;
  flagsPerMinute: number;
}

/** `COLLAB_*`: see docs/operations.md for what each bounds. */
export interface CollabSettings {
  /** Store at most this long after the last change… */
  debounceMs: number;
  /** …and never later than this after the first unstored change, even under continuous typing. */
  maxDebounceMs: number;
  /** A document with no clients stays in memory this long, then unloads. */
  idleUnloadMs: number;
  /** Compact once the log holds this many rows. */
  compactAfterRows: number;
  /** Largest accepted frame (close 4413 beyond it). */
  maxMessageBytes: number;
  /** Largest document (encoded state); an update that would pass it is refused with 4413. */
  maxDocBytes: number;
  /** Connections per document on one node (close 4429 beyond it). */
  maxClientsPerDoc: number;
  /** Sustained messages per second per connection, with a burst of twice that (close 4429). */
  maxMessagesPerSecond: number;
  /** What a socket may send before it is authorised: messages and bytes (close 4429 / 4413). */
  preAuthMaxMessages: number;
  preAuthMaxBytes: number;
  /** Sockets still being authorised, across the node (beyond: close 1013). */
  maxPendingAuth: number;
  /** Of those, how many do their database work at once (the rest wait in order). */
  maxConcurrentAuth: number;
  authTimeoutMs: number;
  /** A receiver that falls this far behind is dropped (it resyncs on reconnect). */
  maxBufferedBytes: number;
  /** An automatic version is kept after this long without edits. */
  autoVersionPauseMs: number;
  /** Longest wait between retries of a failed store. */
  retryMaxMs: number;
  /** Largest document in Yjs items (what its memory grows with; an update that would pass it: 4413). */
  maxDocItems: number;
  /** Of `maxClientsPerDoc`, slots only editors may take: viewers never fill a playbook (4429). */
  editorReservedSlots: number;
  /** Connections of one user on one document on one node (tabs, devices; 4429 beyond it). */
  maxClientsPerUser: number;
  /** Awareness updates per second per connection, with a burst of twice that (beyond: dropped). */
  maxAwarenessPerSecond: number;
  /** Largest awareness state of one client, as JSON (beyond: dropped). */
  maxAwarenessStateBytes: number;
  /** How often the sign-in sessions of open sockets are re-read (a missed end notice still closes them). */
  sessionRecheckMs: number;
}

const MiB = 1024 * 1024;
const DAY_MS = 86_400_000;

/** Variable, setting, default, smallest, largest. */
const COLLAB_VARS: [string, keyof CollabSettings, number, number, number][] = [
  ['COLLAB_DEBOUNCE_MS', 'debounceMs', 2000, 0, DAY_MS],
  ['COLLAB_MAX_DEBOUNCE_MS', 'maxDebounceMs', 10_000, 0, DAY_MS],
  ['COLLAB_IDLE_UNLOAD_MS', 'idleUnloadMs', 30_000, 0, DAY_MS],
  ['COLLAB_COMPACT_AFTER_ROWS', 'compactAfterRows', 200, 1, 1_000_000],
  ['COLLAB_MAX_MESSAGE_BYTES', 'maxMessageBytes', 2 * MiB, 1024, 1024 * MiB],
  ['COLLAB_MAX_DOC_BYTES', 'maxDocBytes', 32 * MiB, 1024, 4096 * MiB],
  ['COLLAB_MAX_CLIENTS_PER_DOC', 'maxClientsPerDoc', 500, 1, 1_000_000],
  ['COLLAB_MAX_MSGS_PER_SEC', 'maxMessagesPerSecond', 200, 1, 1_000_000],
  ['COLLAB_PREAUTH_MAX_MESSAGES', 'preAuthMaxMessages', 32, 0, 1_000_000],
  ['COLLAB_PREAUTH_MAX_BYTES', 'preAuthMaxBytes', 256 * 1024, 0, 1024 * MiB],
  ['COLLAB_MAX_PENDING_AUTH', 'maxPendingAuth', 2000, 1, 1_000_000],
  ['COLLAB_MAX_CONCURRENT_AUTH', 'maxConcurrentAuth', 32, 1, 100_000],
  ['COLLAB_AUTH_TIMEOUT_MS', 'authTimeoutMs', 10_000, 1, DAY_MS],
  ['COLLAB_MAX_BUFFERED_BYTES', 'maxBufferedBytes', 64 * MiB, 1024, 4096 * MiB],
  ['COLLAB_AUTO_VERSION_PAUSE_MS', 'autoVersionPauseMs', 5 * 60_000, 0, DAY_MS],
  ['COLLAB_RETRY_MAX_MS', 'retryMaxMs', 30_000, 1, DAY_MS],
  ['COLLAB_MAX_DOC_ITEMS', 'maxDocItems', 500_000, 100, 100_000_000],
  ['COLLAB_EDITOR_RESERVED_SLOTS', 'editorReservedSlots', 50, 0, 1_000_000],
  ['COLLAB_MAX_CLIENTS_PER_USER', 'maxClientsPerUser', 20, 1, 1_000_000],
  ['COLLAB_MAX_AWARENESS_PER_SEC', 'maxAwarenessPerSecond', 10, 1, 1_000_000],
  ['COLLAB_MAX_AWARENESS_STATE_BYTES', 'maxAwarenessStateBytes', 4096, 64, 1024 * MiB],
  ['COLLAB_SESSION_RECHECK_MS', 'sessionRecheckMs', 60_000, 100, DAY_MS],
];

/** The collaboration settings from `env` (defaults for what is unset); problems are appended. */
export function loadCollabSettings(env: NodeJS.ProcessEnv = {}, problems: string[] = []): CollabSettings {
  const out = {} as CollabSettings;
  for (const [name, key, fallback, min, max] of COLLAB_VARS) out[key] = int(env, name, fallback, min, max, problems);
  return out;
}

function metricsToken(env: NodeJS.ProcessEnv, problems: string[]): string | undefined {
  const raw = env.METRICS_TOKEN?.trim();
  if (!raw) return undefined;
  // A short token is as good as none: refuse to start rather than invite brute force.
  if (raw.length < 16) problems.push('METRICS_TOKEN must be at least 16 characters');
  return raw;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
    return fallback;
  }
  return value;
}

function url(env: NodeJS.ProcessEnv, name: string, protocols: string[], problems: string[]): string | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  try {
    const parsed = new URL(raw);
    if (!protocols.includes(parsed.protocol)) {
      problems.push(`${name} must start with ${protocols.map((p) => p + '//').join(' or ')} (got "${parsed.protocol}//…")`);
    }
  } catch {
    problems.push(`${name} is not a valid URL (expected e.g. ${protocols[0]}//user:password@host:port/...)`);
  }
  return raw;
}

const LOG_LEVELS = ['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T, problems: string[]): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  }
  return raw as T;
}

// A bare address or `Name <address>`; anything with line breaks could inject headers.
function mailFrom(env: NodeJS.ProcessEnv, problems: string[]): string {
  const raw = env.MAIL_FROM?.trim();
  if (!raw) return 'JIPPNas Kolaborasi <no-reply@localhost>';
  if (!/^([^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/.test(raw))
    problems.push(`MAIL_FROM must be an address or "Name <address>" (got "${raw}")`);
  return raw;
}

/** Reads and validates the environment; throws ConfigError listing every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const nodeEnv = env.NODE_ENV || 'development';
  const jwtSecret = env.JWT_SECRET || undefined;
  if (jwtSecret !== undefined && jwtSecret.length < 16) problems.push('JWT_SECRET must be at least 16 characters');
  if (!jwtSecret && nodeEnv === 'production') problems.push('JWT_SECRET is required when NODE_ENV=production');
  const adminEmail = env.ADMIN_EMAIL || undefined;
  const adminPassword = env.ADMIN_PASSWORD || undefined;
  if (adminEmail && !adminPassword) problems.push('ADMIN_PASSWORD is required when ADMIN_EMAIL is set');
  if (adminPassword && adminPassword.length < 8) problems.push('ADMIN_PASSWORD must be at least 8 characters');
  let demoData: boolean | undefined;
  if (env.DEMO_DATA !== undefined && env.DEMO_DATA !== '') {
    if (env.DEMO_DATA !== '0' && env.DEMO_DATA !== '1') problems.push('DEMO_DATA must be 0 or 1');
    demoData = env.DEMO_DATA === '1';
  }
  const cors = env.CORS_ORIGINS?.trim();
  const config: AppConfig = {
    nodeEnv,
    port: int(env, 'PORT', 3000, 0, 65535, problems),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:'], problems),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:'], problems),
    jwtSecret,
    adminEmail: adminEmail?.trim().toLowerCase(),
    adminPassword,
    authRateLimit: int(env, 'AUTH_RATE_LIMIT', 10, 1, 1_000_000, problems),
    demoData,
    dataDir: resolve(env.DATA_DIR || '.data'),
    embeddedPgPort: int(env, 'EMBEDDED_PG_PORT', 54329, 1, 65535, problems),
    corsOrigins: !cors || cors === '*' ? true : cors.split(',').map((o) => o.trim()),
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    accessTokenTtlSeconds: int(env, 'ACCESS_TOKEN_TTL', 900, 5, 86400, problems),
    refreshTokenTtlSeconds: int(env, 'REFRESH_TOKEN_TTL', 30 * 86400, 60, 365 * 86400, problems),
    bodyLimit: env.BODY_LIMIT || '1mb',
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info', problems),
    logFormat: oneOf(
      env,
      'LOG_FORMAT',
      ['json', 'pretty'] as const,
      nodeEnv !== 'production' && process.stdout.isTTY ? 'pretty' : 'json',
      problems,
    ),
    migrateOnStart: env.MIGRATE_ON_START === '1',
    nodeId: env.NODE_ID || `${process.pid}`,
    metricsToken: metricsToken(env, problems),
    discussion: {
      postsPerMinute: int(env, 'DISCUSSION_POSTS_PER_MINUTE', 20, 1, 1_000_000, problems),
      flagsPerMinute: int(env, 'DISCUSSION_FLAGS_PER_MINUTE', 20, 1, 1_000_000, problems),
    },
    collab: loadCollabSettings(env, problems),
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:'], problems),
    mailFrom: mailFrom(env, problems),
    publicUrl: '',
    attachmentMaxBytes: int(env, 'ATTACHMENT_MAX_BYTES', 26_214_400, 1, 2 ** 40, problems),
    s3Url: url(env, 'S3_URL', ['http:', 'https:', 's3:'], problems),
    emailVerificationRequired: oneOf(env, 'EMAIL_VERIFICATION', ['required', 'optional'] as const, 'required', problems) === 'required',
    digestHourUtc: int(env, 'DIGEST_HOUR_UTC', 0, 0, 23, problems),
    mailPollMs: int(env, 'MAIL_POLL_MS', 2000, 20, 3_600_000, problems),
    realtimeEventBurst: int(env, 'REALTIME_EVENT_BURST', 40, 1, 100_000, problems),
    realtimeEventsPerSecond: int(env, 'REALTIME_EVENTS_PER_SECOND', 10, 1, 100_000, problems),
  };
  config.publicUrl = (url(env, 'PUBLIC_URL', ['http:', 'https:'], problems) ?? `http://localhost:${config.port}`).replace(/\/+$/, '');
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** JWT_SECRET, or a secret generated once and kept in the data directory (never in production). */
export function resolveJwtSecret(config: AppConfig): string {
  if (config.jwtSecret) return config.jwtSecret;
  mkdirSync(config.dataDir, { recursive: true });
  const file = join(config.dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
