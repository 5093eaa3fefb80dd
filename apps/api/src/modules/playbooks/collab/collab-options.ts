import { Injectable } from '@nestjs/common';

const num = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? NaN : Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
};

/**
 * Tunables of the collaboration server, from `COLLAB_*` environment variables with safe
 * defaults. Mutable on purpose: tests shrink limits and timers on a running app.
 */
@Injectable()
export class CollabOptions {
  /** Store at most this long after the last change… */
  debounceMs = num('COLLAB_DEBOUNCE_MS', 2000);
  /** …and never later than this after the first unstored change, even under continuous typing. */
  maxDebounceMs = num('COLLAB_MAX_DEBOUNCE_MS', 10_000);
  /** A document with no clients stays in memory this long, then unloads. */
  idleUnloadMs = num('COLLAB_IDLE_UNLOAD_MS', 30_000);
  /** Compact once the log holds this many rows. */
  compactAfterRows = num('COLLAB_COMPACT_AFTER_ROWS', 200);
  /** Largest accepted frame (close 4413 beyond it). */
  maxMessageBytes = num('COLLAB_MAX_MESSAGE_BYTES', 2 * 1024 * 1024);
  /** Largest document (encoded state); an update that would pass it is refused with 4413. */
  maxDocBytes = num('COLLAB_MAX_DOC_BYTES', 32 * 1024 * 1024);
  /** Largest document in Yjs items (what its memory grows with; an update that would pass it: 4413). */
  maxDocItems = num('COLLAB_MAX_DOC_ITEMS', 500_000);
  /** Connections per document on one node (close 4429 beyond it). */
  maxClientsPerDoc = num('COLLAB_MAX_CLIENTS_PER_DOC', 500);
  /** Of those, slots only editors may take: viewers never fill a playbook (close 4429 beyond it). */
  editorReservedSlots = num('COLLAB_EDITOR_RESERVED_SLOTS', 50);
  /** Connections of one user on one document on one node (tabs, devices; close 4429 beyond it). */
  maxClientsPerUser = num('COLLAB_MAX_CLIENTS_PER_USER', 20);
  /** Awareness updates per second per connection, with a burst of twice that (beyond: dropped). */
  maxAwarenessPerSecond = num('COLLAB_MAX_AWARENESS_PER_SEC', 10);
  /** Largest awareness state of one client, as JSON (beyond: dropped). */
  maxAwarenessStateBytes = num('COLLAB_MAX_AWARENESS_STATE_BYTES', 4096);
  /** Sustained messages per second per connection, with a burst of twice that (close 4429). */
  maxMessagesPerSecond = num('COLLAB_MAX_MSGS_PER_SEC', 200);
  /** What a socket may send before it is authorised: messages and bytes (close 4429 / 4413). */
  preAuthMaxMessages = num('COLLAB_PREAUTH_MAX_MESSAGES', 32);
  preAuthMaxBytes = num('COLLAB_PREAUTH_MAX_BYTES', 256 * 1024);
  /** Sockets still being authorised, across the node (beyond: close 1013). */
  maxPendingAuth = num('COLLAB_MAX_PENDING_AUTH', 2000);
  /** Of those, how many do their database work at once (the rest wait in order). */
  maxConcurrentAuth = Math.max(1, num('COLLAB_MAX_CONCURRENT_AUTH', 32));
  authTimeoutMs = num('COLLAB_AUTH_TIMEOUT_MS', 10_000);
  /** A receiver that falls this far behind is dropped (it resyncs on reconnect). */
  maxBufferedBytes = num('COLLAB_MAX_BUFFERED_BYTES', 64 * 1024 * 1024);
  /** An automatic version is kept after this long without edits. */
  autoVersionPauseMs = num('COLLAB_AUTO_VERSION_PAUSE_MS', 5 * 60_000);
  /** How often the sign-in sessions of open sockets are re-read (a missed end notice still closes them). */
  sessionRecheckMs = num('COLLAB_SESSION_RECHECK_MS', 60_000);
  /** Longest wait between retries of a failed store. */
  retryMaxMs = num('COLLAB_RETRY_MAX_MS', 30_000);
}

/** Close codes of the collaboration socket (4400–4499: stock clients do not reconnect). */
export const CloseCode = {
  MALFORMED: 4400,
  UNAUTHORIZED: 4401,
  FORBIDDEN: 4403,
  NOT_FOUND: 4404,
  AUTH_TIMEOUT: 4408,
  TOO_LARGE: 4413,
  TOO_MANY: 4429,
  GOING_AWAY: 1001,
  INTERNAL: 1011,
  TRY_AGAIN: 1013,
} as const;
