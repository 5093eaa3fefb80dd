import { API_ROUTES, fillPath, type RouteName } from './routes';
import type { AuthResult } from './types';

/** An API error in the contract's shape `{statusCode, code, message, details?}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  userId: string;
}

const KEY = 'jk.session';
type Listener = (s: StoredSession | null) => void;
const listeners = new Set<Listener>();

/** The sign-in session, kept in localStorage so every tab of the browser shares it. */
export const sessionStore = {
  get(): StoredSession | null {
    try {
      const raw = localStorage.getItem(KEY);
      return raw ? (JSON.parse(raw) as StoredSession) : null;
    } catch {
      return null;
    }
  },
  set(s: StoredSession | null): void {
    if (s) localStorage.setItem(KEY, JSON.stringify(s));
    else localStorage.removeItem(KEY);
    for (const l of listeners) l(s);
  },
  subscribe(l: Listener): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};

// Another tab rotated or ended the session: follow it here too.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key === KEY) for (const l of listeners) l(sessionStore.get());
  });
}

function claimsOf(token: string): { exp?: number; iat?: number } {
  try {
    return JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number; iat?: number };
  } catch {
    return {};
  }
}

/** Seconds until the access token expires (from its `exp` claim); 0 when unreadable. */
export function secondsLeft(token: string): number {
  const { exp } = claimsOf(token);
  return exp ? exp - Date.now() / 1000 : 0;
}

/** How early to renew: a minute, or a third of the token's lifetime when that is shorter. */
export function renewMargin(token: string): number {
  const { exp, iat } = claimsOf(token);
  return exp && iat ? Math.min(60, (exp - iat) / 3) : 60;
}

let refreshing: Promise<StoredSession | null> | null = null;

/**
 * Rotates the refresh token once, however many callers ask at the same time. Across tabs a Web
 * Lock serialises rotation: a tab that waited finds the pair another tab stored and uses it,
 * instead of spending the old refresh token again (which the server treats as theft).
 */
export function refreshSession(): Promise<StoredSession | null> {
  const before = sessionStore.get();
  if (!before) return Promise.resolve(null);
  refreshing ??= withLock(async () => {
    const now = sessionStore.get();
    if (!now) return null;
    if (now.refreshToken !== before.refreshToken && secondsLeft(now.accessToken) > renewMargin(now.accessToken)) return now;
    const res = await fetch(API_ROUTES.refresh[1], {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: now.refreshToken }),
    });
    if (res.status === 401 || res.status === 400) {
      sessionStore.set(null);
      return null;
    }
    if (!res.ok) throw await toError(res);
    const pair = (await res.json()) as AuthResult;
    const next = { accessToken: pair.accessToken, refreshToken: pair.refreshToken, userId: now.userId };
    sessionStore.set(next);
    return next;
  }).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/**
 * Sends a call that ends every sign-in session and answers with a fresh pair (a password change).
 * The server closes this tab's sockets before the answer arrives; the renewals they ask for
 * meanwhile wait for the fresh pair instead of spending the dead refresh token (which would sign
 * the tab out). If the call fails, nothing ended and those renewals go ahead as usual.
 */
export async function swapSession(name: RouteName, body: unknown): Promise<AuthResult> {
  const [method, url] = API_ROUTES[name];
  const token = await freshAccessToken();
  const userId = sessionStore.get()?.userId;
  // Sent with a plain fetch (no renewal inside), so it never waits on the renewals it holds back.
  const result = fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  }).then(async (res) => {
    if (!res.ok) throw await toError(res);
    const pair = (await res.json()) as AuthResult;
    sessionStore.set({ accessToken: pair.accessToken, refreshToken: pair.refreshToken, userId: userId ?? pair.user.id });
    return pair;
  });
  const waiting: Promise<StoredSession | null> = result.then(
    () => {
      if (refreshing === waiting) refreshing = null;
      return sessionStore.get();
    },
    () => {
      if (refreshing === waiting) refreshing = null;
      return refreshSession();
    },
  );
  refreshing = waiting;
  return result;
}

function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? locks.request('jk.refresh', fn) : fn();
}

/** A usable access token: refreshed first when it is about to expire. */
export async function freshAccessToken(): Promise<string | null> {
  const s = sessionStore.get();
  if (!s) return null;
  if (secondsLeft(s.accessToken) > renewMargin(s.accessToken)) return s.accessToken;
  return (await refreshSession())?.accessToken ?? null;
}

async function toError(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as { code?: string; message?: string; details?: unknown } | null;
  return new ApiError(res.status, body?.code ?? 'HTTP_' + res.status, body?.message ?? res.statusText, body?.details);
}

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined | null>;
  body?: unknown;
  /** Answer as text instead of JSON (exports, previews). */
  text?: boolean;
  signal?: AbortSignal;
}

/** Calls one route of the table; signed in when a session exists, retrying once after a refresh. */
export async function call<T>(name: RouteName, opts: CallOptions = {}): Promise<T> {
  const [method, template] = API_ROUTES[name];
  let url = fillPath(template, opts.params);
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  if ([...q].length) url += '?' + q.toString();

  const send = (token: string | null) =>
    fetch(url, {
      method,
      signal: opts.signal,
      headers: {
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
    });

  let res = await send(await freshAccessToken());
  if (res.status === 401 && sessionStore.get()) {
    const renewed = await refreshSession();
    if (renewed) res = await send(renewed.accessToken);
  }
  if (!res.ok) throw await toError(res);
  if (res.status === 204) return undefined as T;
  return (opts.text ? await res.text() : await res.json()) as T;
}
