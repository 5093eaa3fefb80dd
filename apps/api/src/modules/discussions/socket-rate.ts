import type { Socket } from 'socket.io';

/** How many socket.io events a socket may send: a burst, refilled at a steady rate. */
export interface SocketRateLimits {
  burst: number;
  perSecond: number;
}

/** A token bucket: `take()` spends one token if there is one; tokens refill continuously. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  /** Events refused in a row (reset by the next one let through). */
  refusedInARow = 0;

  constructor(
    private readonly limits: SocketRateLimits,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = limits.burst;
    this.last = now();
  }

  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.limits.burst, this.tokens + ((t - this.last) / 1000) * this.limits.perSecond);
    this.last = t;
    if (this.tokens < 1) {
      this.refusedInARow++;
      return false;
    }
    this.tokens -= 1;
    this.refusedInARow = 0;
    return true;
  }
}

const buckets = new WeakMap<Socket, TokenBucket>();
const queues = new WeakMap<Socket, Promise<unknown>>();
const pending = new WeakMap<Socket, Set<string>>();

/**
 * A socket that goes on sending this many times its burst while refused is not a client that
 * reads its acks: it is disconnected, so a flood costs the server no more than that.
 */
export const FLOOD_FACTOR = 10;

/**
 * Spends one of the socket's tokens (every event calls this first, before any handler):
 * `ok`, `limited` (answer RATE_LIMITED) or `flood` (disconnect). The bucket lives as long as the socket.
 */
export function takeToken(socket: Socket, limits: SocketRateLimits): 'ok' | 'limited' | 'flood' {
  let bucket = buckets.get(socket);
  if (!bucket) {
    bucket = new TokenBucket({ ...limits });
    buckets.set(socket, bucket);
  }
  if (bucket.take()) return 'ok';
  return bucket.refusedInARow > FLOOD_FACTOR * limits.burst ? 'flood' : 'limited';
}

/**
 * Subscriptions a socket has asked for and not yet been answered: counted with the rooms it
 * holds, so a cap checked before an `await` also holds for subscribes sent all at once.
 */
export function pendingOf(socket: Socket): Set<string> {
  let set = pending.get(socket);
  if (!set) {
    set = new Set();
    pending.set(socket, set);
  }
  return set;
}

/**
 * Runs a socket's database work one event at a time: a burst of subscribes from one socket holds
 * one pooled connection, never the whole pool (which starved health checks and other users).
 */
export function inTurn<T>(socket: Socket, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(socket) ?? Promise.resolve();
  const next = previous.then(work, work);
  queues.set(
    socket,
    next.catch(() => undefined),
  );
  return next;
}
