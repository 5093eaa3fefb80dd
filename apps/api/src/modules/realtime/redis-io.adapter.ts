import { INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { ServerOptions } from 'socket.io';

/**
 * socket.io over Redis pub/sub, so an event emitted on one node reaches sockets on every node.
 * Connecting never blocks start-up: with Redis down a node serves its own clients alone and the
 * clients' offline queues deliver the adapter's subscriptions once Redis is back.
 */
export class RedisIoAdapter extends IoAdapter {
  private readonly log = new Logger('RedisIoAdapter');
  private adapterConstructor?: ReturnType<typeof createAdapter>;
  private clients: ReturnType<typeof createClient>[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly redisUrl: string,
  ) {
    super(app);
  }

  connect(): void {
    const pub = createClient({ url: this.redisUrl });
    const sub = pub.duplicate();
    for (const c of [pub, sub]) {
      c.on('error', (e: Error) => this.log.warn(`redis: ${e.message}`));
      c.connect().catch((e: Error) => this.log.warn(`redis connect: ${e.message}`));
    }
    this.clients = [pub, sub];
    this.adapterConstructor = createAdapter(pub, sub);
  }

  override createIOServer(port: number, options?: ServerOptions) {
    const server = super.createIOServer(port, options);
    if (this.adapterConstructor) server.adapter(this.adapterConstructor);
    return server;
  }

  override async close(server: unknown): Promise<void> {
    await super.close(server as never);
    await Promise.all(this.clients.map((c) => (c.isReady ? c.close().catch(() => undefined) : c.destroy())));
  }
}
