import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('applies the contract defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, authRateLimit: 10, databaseUrl: undefined, redisUrl: undefined, demoData: undefined, corsOrigins: true });
  });

  it('reads valid values', () => {
    const c = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u:p@db:5432/x', REDIS_URL: 'redis://r:6379', AUTH_RATE_LIMIT: '3', DEMO_DATA: '0', CORS_ORIGINS: 'https://a.go.id, https://b.go.id' });
    expect(c).toMatchObject({ port: 8080, databaseUrl: 'postgres://u:p@db:5432/x', redisUrl: 'redis://r:6379', authRateLimit: 3, demoData: false, corsOrigins: ['https://a.go.id', 'https://b.go.id'] });
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
