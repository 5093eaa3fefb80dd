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
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

const buckets = new WeakMap<Socket, TokenBucket>();
const pending = new WeakMap<Socket, Set<string>>();

/**
 * Spends one of the socket's tokens (every event that does work calls this first, before any
 * await); false means answer RATE_LIMITED. The bucket lives as long as the socket.
 */
export function takeToken(socket: Socket, limits: SocketRateLimits): boolean {
  let bucket = buckets.get(socket);
  if (!bucket) {
    bucket = new TokenBucket({ ...limits });
    buckets.set(socket, bucket);
  }
  return bucket.take();
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
