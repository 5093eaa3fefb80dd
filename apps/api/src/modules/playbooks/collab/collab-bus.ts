import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createClient } from 'redis';
import type { SessionEnd } from '@app/auth';
import { APP_CONFIG } from '@app/common';
import type { AppConfig } from '@app/common';

export const BusKind = { UPDATE: 0, AWARENESS: 1, HELLO: 2 } as const;
export type BusKindValue = (typeof BusKind)[keyof typeof BusKind];

/** Access to re-check (a user's, a playbook's), or a sign-in session that ended. */
export interface AccessNotice {
  userId?: string;
  playbookId?: string;
  sessionEnd?: SessionEnd;
}

type RedisClient = ReturnType<typeof createClient>;

const docChannel = (id: string) => `collab:doc:${id}`;
const ACCESS_CHANNEL = 'collab:access';

/**
 * Fan-out between nodes over Redis pub/sub: per-document Yjs updates, awareness and "hello"
 * (a node that just loaded a document asks the others for what it is missing), plus access
 * notices. Without REDIS_URL it is a no-op and access notices loop back in-process.
 * Frames: [kind][node id length][node id][payload], binary, so updates are never re-encoded.
 */
@Injectable()
export class CollabBus implements OnApplicationShutdown {
  private readonly log = new Logger('CollabBus');
  readonly nodeId: string;
  private pub?: RedisClient;
  private sub?: RedisClient;
  private readonly docHandlers = new Map<string, (kind: BusKindValue, payload: Uint8Array) => void>();
  private readonly accessHandlers: ((n: AccessNotice) => void)[] = [];
  private readonly header: Buffer;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.nodeId = `${config.nodeId}-${Math.random().toString(36).slice(2, 8)}`;
    const id = Buffer.from(this.nodeId);
    this.header = Buffer.concat([Buffer.from([0, id.length]), id]);
    if (config.redisUrl) this.connect(config.redisUrl);
  }

  get enabled(): boolean {
    return !!this.config.redisUrl;
  }

  /**
   * Never waits for Redis: a node whose Redis is down (at start or later) serves its own clients
   * alone; subscriptions wait in the client's offline queue and are renewed on reconnect.
   */
  private connect(url: string): void {
    this.pub = createClient({ url });
    this.sub = this.pub.duplicate();
    for (const c of [this.pub, this.sub]) {
      c.on('error', (e: Error) => this.log.warn(`redis: ${e.message}`));
      c.connect().catch((e: Error) => this.log.warn(`redis connect: ${e.message}`));
    }
    void this.sub
      .subscribe(ACCESS_CHANNEL, (message: string) => {
        try {
          const notice = JSON.parse(message) as AccessNotice;
          for (const h of this.accessHandlers) h(notice);
        } catch {
          /* ignore foreign messages */
        }
      })
      .catch((e: Error) => this.log.warn(`subscribe ${ACCESS_CHANNEL}: ${e.message}`));
  }

  async subscribeDoc(docId: string, handler: (kind: BusKindValue, payload: Uint8Array) => void): Promise<void> {
    if (!this.sub) return;
    this.docHandlers.set(docId, handler);
    const ready = this.sub.isReady;
    const subscribing = this.sub
      .subscribe(
        docChannel(docId),
        (message: Buffer) => {
          const idLen = message[1];
          if (message.length < 2 || idLen === undefined) return;
          const from = message.subarray(2, 2 + idLen).toString();
          if (from === this.nodeId) return;
          this.docHandlers.get(docId)?.(
            message[0] as BusKindValue,
            new Uint8Array(message.buffer, message.byteOffset + 2 + idLen, message.length - 2 - idLen),
          );
        },
        true,
      )
      .catch((e: Error) => this.log.warn(`subscribe ${docId}: ${e.message}`));
    // Connected: wait, so the HELLO that follows is answered to us. Redis down: go on alone.
    if (ready) await subscribing;
  }

  async unsubscribeDoc(docId: string): Promise<void> {
    this.docHandlers.delete(docId);
    if (!this.sub?.isOpen) return;
    await this.sub.unsubscribe(docChannel(docId)).catch(() => undefined);
  }

  publish(docId: string, kind: BusKindValue, payload: Uint8Array): void {
    if (!this.pub?.isReady) return;
    const frame = Buffer.concat([this.header, payload]);
    frame[0] = kind;
    this.pub.publish(docChannel(docId), frame).catch((e: Error) => this.log.warn(`publish failed: ${e.message}`));
  }

  /** Announces an access change to every node (this one included). */
  announceAccess(notice: AccessNotice): void {
    if (this.pub?.isReady) {
      this.pub.publish(ACCESS_CHANNEL, JSON.stringify(notice)).catch(() => this.deliverLocally(notice));
    } else this.deliverLocally(notice);
  }

  private deliverLocally(notice: AccessNotice): void {
    for (const h of this.accessHandlers) h(notice);
  }

  onAccess(handler: (n: AccessNotice) => void): void {
    this.accessHandlers.push(handler);
  }

  async onApplicationShutdown(): Promise<void> {
    for (const c of [this.pub, this.sub]) {
      if (c?.isReady) await c.close().catch(() => undefined);
      else if (c?.isOpen) c.destroy();
    }
  }
}
