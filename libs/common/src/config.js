"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ConfigError = exports.APP_CONFIG = void 0;
exports.loadConfig = loadConfig;
exports.resolveJwtSecret = resolveJwtSecret;
const node_crypto_1 = require("node:crypto");
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
exports.APP_CONFIG = Symbol('APP_CONFIG');
class ConfigError extends Error {
    problems;
    constructor(problems) {
        super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
        this.problems = problems;
    }
}
exports.ConfigError = ConfigError;
function int(env, name, fallback, min, max, problems) {
    const raw = env[name];
    if (raw === undefined || raw === '')
        return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
        problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
        return fallback;
    }
    return value;
}
function url(env, name, protocols, problems) {
    const raw = env[name];
    if (!raw)
        return undefined;
    try {
        const parsed = new URL(raw);
        if (!protocols.includes(parsed.protocol)) {
            problems.push(`${name} must start with ${protocols.map((p) => p + '//').join(' or ')} (got "${parsed.protocol}//…")`);
        }
    }
    catch {
        problems.push(`${name} is not a valid URL (expected e.g. ${protocols[0]}//user:password@host:port/...)`);
    }
    return raw;
}
/** Reads and validates the environment; throws ConfigError listing every problem at once. */
function loadConfig(env = process.env) {
    const problems = [];
    const nodeEnv = env.NODE_ENV || 'development';
    const jwtSecret = env.JWT_SECRET || undefined;
    if (jwtSecret !== undefined && jwtSecret.length < 16)
        problems.push('JWT_SECRET must be at least 16 characters');
    if (!jwtSecret && nodeEnv === 'production')
        problems.push('JWT_SECRET is required when NODE_ENV=production');
    const adminEmail = env.ADMIN_EMAIL || undefined;
    const adminPassword = env.ADMIN_PASSWORD || undefined;
    if (adminEmail && !adminPassword)
        problems.push('ADMIN_PASSWORD is required when ADMIN_EMAIL is set');
    if (adminPassword && adminPassword.length < 8)
        problems.push('ADMIN_PASSWORD must be at least 8 characters');
    let demoData;
    if (env.DEMO_DATA !== undefined && env.DEMO_DATA !== '') {
        if (env.DEMO_DATA !== '0' && env.DEMO_DATA !== '1')
            problems.push('DEMO_DATA must be 0 or 1');
        demoData = env.DEMO_DATA === '1';
    }
    const cors = env.CORS_ORIGINS?.trim();
    const config = {
        nodeEnv,
        port: int(env, 'PORT', 3000, 0, 65535, problems),
        databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:'], problems),
        redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:'], problems),
        jwtSecret,
        adminEmail: adminEmail?.trim().toLowerCase(),
        adminPassword,
        authRateLimit: int(env, 'AUTH_RATE_LIMIT', 10, 1, 1_000_000, problems),
        demoData,
        dataDir: (0, node_path_1.resolve)(env.DATA_DIR || '.data'),
        embeddedPgPort: int(env, 'EMBEDDED_PG_PORT', 54329, 1, 65535, problems),
        corsOrigins: !cors || cors === '*' ? true : cors.split(',').map((o) => o.trim()),
        trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
        accessTokenTtlSeconds: int(env, 'ACCESS_TOKEN_TTL', 900, 5, 86400, problems),
        refreshTokenTtlSeconds: int(env, 'REFRESH_TOKEN_TTL', 30 * 86400, 60, 365 * 86400, problems),
        bodyLimit: env.BODY_LIMIT || '1mb',
        logLevel: env.LOG_LEVEL || 'info',
        nodeId: env.NODE_ID || `${process.pid}`,
    };
    if (problems.length)
        throw new ConfigError(problems);
    return config;
}
/** JWT_SECRET, or a secret generated once and kept in the data directory (never in production). */
function resolveJwtSecret(config) {
    if (config.jwtSecret)
        return config.jwtSecret;
    (0, node_fs_1.mkdirSync)(config.dataDir, { recursive: true });
    const file = (0, node_path_1.join)(config.dataDir, 'jwt-secret');
    if ((0, node_fs_1.existsSync)(file))
        return (0, node_fs_1.readFileSync)(file, 'utf8').trim();
    const secret = (0, node_crypto_1.randomBytes)(48).toString('base64url');
    (0, node_fs_1.writeFileSync)(file, secret, { mode: 0o600 });
    return secret;
}
//# sourceMappingURL=config.js.map