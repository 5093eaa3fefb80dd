import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { createClient } from 'redis';
import { APP_CONFIG } from '@app/common';
import type { AppConfig } from '@app/common';

export interface RedisStatus {
  status: 'up' | 'down';
  message?: string;
}

/**
 * Watches Redis with its own small connection when REDIS_URL is set, so /api/health can say
 * whether cross-node fan-out works. Redis being down never fails the process or the health
 * check's 200: one node keeps serving its own clients without it.
 */
@Injectable()
export class RedisHealth implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('RedisHealth');
  private client?: ReturnType<typeof createClient>;
  private lastError = '';

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get enabled(): boolean {
    return !!this.config.redisUrl;
  }

  onModuleInit(): void {
    if (!this.config.redisUrl) return;
    const client = createClient({
      url: this.config.redisUrl,
      // Fail a ping at once while disconnected instead of queueing it until Redis returns.
      disableOfflineQueue: true,
      socket: { connectTimeout: 2000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** Math.min(retries, 5), 2000) },
    });
    client.on('error', (error: Error) => {
      if (error.message !== this.lastError) this.log.warn(`redis unreachable: ${error.message}`);
      this.lastError = error.message;
    });
    client.on('ready', () => {
      if (this.lastError) this.log.log('redis reachable again');
      this.lastError = '';
    });
    this.client = client;
    // Not awaited: start-up must not wait for (or die of) an unreachable Redis.
    client.connect().catch(() => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    try {
      if (client.isReady) await client.close();
      else client.destroy();
    } catch {
      // Already closed.
    }
  }

  /** `undefined` without REDIS_URL; otherwise whether a PING answers within `timeoutMs`. */
  async status(timeoutMs = 1000): Promise<RedisStatus | undefined> {
    if (!this.config.redisUrl) return undefined;
    const client = this.client;
    if (!client?.isReady) return { status: 'down', message: this.lastError || 'not connected' };
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      await Promise.race([client.ping(), timeout]);
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', message: (error as Error)?.message ?? 'ping failed' };
    } finally {
      clearTimeout(timer);
    }
  }
}
