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
  /** Identifies this process among several nodes (logs, metrics, Redis). */
  nodeId: string;
  /** socket.io `/realtime`: events one socket may send at once, and refilled per second (token bucket). */
  realtimeEventBurst: number;
  realtimeEventsPerSecond: number;
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
    logLevel: env.LOG_LEVEL || 'info',
    nodeId: env.NODE_ID || `${process.pid}`,
    realtimeEventBurst: int(env, 'REALTIME_EVENT_BURST', 40, 1, 100_000, problems),
    realtimeEventsPerSecond: int(env, 'REALTIME_EVENTS_PER_SECOND', 10, 1, 100_000, problems),
  };
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
