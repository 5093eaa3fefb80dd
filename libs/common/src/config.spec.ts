import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('applies the contract defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      authRateLimit: 10,
      databaseUrl: undefined,
      redisUrl: undefined,
      demoData: undefined,
      corsOrigins: true,
    });
  });

  it('reads valid values', () => {
    const c = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@db:5432/x',
      REDIS_URL: 'redis://r:6379',
      AUTH_RATE_LIMIT: '3',
      DEMO_DATA: '0',
      CORS_ORIGINS: 'https://a.go.id, https://b.go.id',
    });
    expect(c).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://u:p@db:5432/x',
      redisUrl: 'redis://r:6379',
      authRateLimit: 3,
      demoData: false,
      corsOrigins: ['https://a.go.id', 'https://b.go.id'],
    });
  });

  it('people, email and files: contract defaults and validation', () => {
    expect(loadConfig({ PORT: '8080' })).toMatchObject({
      smtpUrl: undefined,
      mailFrom: 'JIPPNas Kolaborasi <no-reply@localhost>',
      publicUrl: 'http://localhost:8080',
      attachmentMaxBytes: 26214400,
      s3Url: undefined,
      emailVerificationRequired: true,
    });
    const c = loadConfig({
      SMTP_URL: 'smtps://u:p@mail.go.id:465',
      MAIL_FROM: 'JIPPNas <noreply@jippnas.go.id>',
      PUBLIC_URL: 'https://kolaborasi.go.id/',
      ATTACHMENT_MAX_BYTES: '1000',
      S3_URL: 'http://k:s@minio:9000/b',
      EMAIL_VERIFICATION: 'optional',
    });
    expect(c).toMatchObject({
      smtpUrl: 'smtps://u:p@mail.go.id:465',
      mailFrom: 'JIPPNas <noreply@jippnas.go.id>',
      publicUrl: 'https://kolaborasi.go.id',
      attachmentMaxBytes: 1000,
      s3Url: 'http://k:s@minio:9000/b',
      emailVerificationRequired: false,
    });
    try {
      loadConfig({
        SMTP_URL: 'http://mail',
        MAIL_FROM: 'a\r\nBcc: x@y.z',
        PUBLIC_URL: 'ftp://x',
        ATTACHMENT_MAX_BYTES: '0',
        S3_URL: 'redis://x',
        EMAIL_VERIFICATION: 'maybe',
      });
      throw new Error('expected ConfigError');
    } catch (e) {
      expect((e as ConfigError).problems.map((p) => p.split(' ')[0])).toEqual([
        'SMTP_URL',
        'MAIL_FROM',
        'ATTACHMENT_MAX_BYTES',
        'S3_URL',
        'EMAIL_VERIFICATION',
        'PUBLIC_URL',
      ]);
    }
  });

  it('lists every problem at once with a clear message', () => {
    try {
      loadConfig({ PORT: 'http', DATABASE_URL: 'mysql://x', REDIS_URL: 'not a url', AUTH_RATE_LIMIT: '-1', DEMO_DATA: 'yes' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/DATABASE_URL must start with postgres:\/\/ or postgresql:\/\//);
      expect(problems).toMatch(/REDIS_URL is not a valid URL/);
      expect(problems).toMatch(/AUTH_RATE_LIMIT/);
      expect(problems).toMatch(/DEMO_DATA/);
    }
  });

  it('refuses production without JWT_SECRET, and a weak admin password', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required/);
    expect(() => loadConfig({ ADMIN_EMAIL: 'a@b.id', ADMIN_PASSWORD: 'short' })).toThrow(/ADMIN_PASSWORD/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a-long-enough-secret-value' }).jwtSecret).toBe('a-long-enough-secret-value');
  });
});

describe('loadConfig: feature settings', () => {
  const problemsOf = (env: Record<string, string>): string => {
    try {
      loadConfig(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).problems.join('\n');
    }
    throw new Error('expected a ConfigError');
  };

  it('gives the documented defaults for collaboration, discussions and metrics', () => {
    const c = loadConfig({});
    expect(c.collab).toMatchObject({
      debounceMs: 2000,
      maxDebounceMs: 10_000,
      maxClientsPerDoc: 500,
      maxConcurrentAuth: 32,
      maxMessageBytes: 2 * 1024 * 1024,
    });
    expect(c.discussion).toEqual({ postsPerMinute: 20, flagsPerMinute: 20 });
    expect(c.metricsToken).toBeUndefined();
    expect(c.logLevel).toBe('info');
    expect(c.migrateOnStart).toBe(false);
  });

  it('reads valid values', () => {
    const c = loadConfig({
      COLLAB_DEBOUNCE_MS: '150',
      COLLAB_MAX_DEBOUNCE_MS: '900',
      DISCUSSION_POSTS_PER_MINUTE: '5',
      METRICS_TOKEN: ' a-token-of-sixteen+ ',
      LOG_LEVEL: 'warn',
      MIGRATE_ON_START: '1',
    });
    expect(c.collab.debounceMs).toBe(150);
    expect(c.collab.maxDebounceMs).toBe(900);
    expect(c.discussion.postsPerMinute).toBe(5);
    expect(c.metricsToken).toBe('a-token-of-sixteen+');
    expect(c.logLevel).toBe('warn');
    expect(c.migrateOnStart).toBe(true);
  });

  it.each([
    ['COLLAB_DEBOUNCE_MS', 'soon'],
    ['COLLAB_DEBOUNCE_MS', '-1'],
    ['COLLAB_MAX_CLIENTS_PER_DOC', '0'],
    ['COLLAB_MAX_MESSAGE_BYTES', '1.5'],
    ['COLLAB_MAX_CONCURRENT_AUTH', '0'],
    ['COLLAB_RETRY_MAX_MS', ''.padEnd(20, '9')],
    ['DISCUSSION_POSTS_PER_MINUTE', '0'],
    ['DISCUSSION_FLAGS_PER_MINUTE', 'many'],
    ['METRICS_TOKEN', 'short'],
    ['LOG_LEVEL', 'loud'],
    ['LOG_FORMAT', 'fancy'],
  ])('stops on a bad %s (%s), naming it', (name, value) => {
    expect(problemsOf({ [name]: value })).toContain(name);
  });

  it('logs JSON in production and when told, pretty when told', () => {
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a-long-enough-secret-value' }).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
  });

  it('names every bad setting at once', () => {
    const problems = problemsOf({ COLLAB_IDLE_UNLOAD_MS: 'x', DISCUSSION_FLAGS_PER_MINUTE: '-3', METRICS_TOKEN: 'abc' });
    expect(problems).toMatch(/COLLAB_IDLE_UNLOAD_MS/);
    expect(problems).toMatch(/DISCUSSION_FLAGS_PER_MINUTE/);
    expect(problems).toMatch(/METRICS_TOKEN must be at least 16 characters/);
  });
});
