import { io, Socket } from 'socket.io-client';

const open = new Set<Socket>();

/** A socket.io client on /realtime (websocket transport, no automatic reconnection). */
export function realtime(baseUrl: string, token: string): Socket {
  const s = io(`${baseUrl}/realtime`, {
    path: '/socket.io',
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: 5000,
  });
  open.add(s);
  return s;
}

export function closeSockets(): void {
  for (const s of open) s.disconnect();
  open.clear();
}

export function connected(s: Socket, timeoutMs = 10000): Promise<void> {
  if (s.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket did not connect')), timeoutMs);
    s.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    s.once('connect_error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/** Emits with an acknowledgement and a deadline. */
export function ask<T = unknown>(s: Socket, event: string, payload: unknown, timeoutMs = 5000): Promise<T> {
  return s.timeout(timeoutMs).emitWithAck(event, payload) as Promise<T>;
}

/** Resolves with the next `event` whose payload satisfies `match`. */
export function waitFor<T = any>(s: Socket, event: string, match: (v: T) => boolean = () => true, timeoutMs = 10000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      s.off(event, handler);
      reject(new Error(`no "${event}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const handler = (v: T) => {
      if (!match(v)) return;
      clearTimeout(timer);
      s.off(event, handler);
      resolve(v);
    };
    s.on(event, handler);
  });
}
