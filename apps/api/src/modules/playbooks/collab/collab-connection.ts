import { Logger } from '@nestjs/common';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { WebSocket } from 'ws';
import type { PlaybookAccessLevel } from '../playbook-access.service';
import type { CollabDocument } from './collab-document';
import { CloseCode, CollabOptions } from './collab-options';
import { stampUser } from './presence';
import {
  decodeAwareness,
  encodeAwareness,
  encodeAwarenessStates,
  encodeSyncMessage,
  MSG_AWARENESS,
  MSG_QUERY_AWARENESS,
  MSG_SYNC,
  permissionDenied,
} from './protocol';
import { UpdateRefused } from './update-check';

const SEND_OPTIONS = { binary: true } as const;
/** One logger for all connections (there may be thousands). */
const log = new Logger('CollabConnection');

/** Whether `applyAwarenessUpdate` would apply this entry (its own test, on the same state). */
function isNews(awareness: awarenessProtocol.Awareness, clientId: number, clock: number, isNull: boolean): boolean {
  const held = awareness.meta.get(clientId)?.clock ?? 0;
  return held < clock || (held === clock && isNull && awareness.states.has(clientId));
}

/** Token bucket: `rate()` per second sustained, twice that as a burst. */
class Bucket {
  private tokens: number;
  private last = Date.now();
  constructor(private readonly rate: () => number) {
    this.tokens = rate() * 2;
  }
  take(): boolean {
    const now = Date.now();
    const rate = this.rate();
    this.tokens = Math.min(rate * 2, this.tokens + ((now - this.last) / 1000) * rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * One authorised client socket on one document, speaking the y-websocket protocol. It lives as
 * long as its sign-in session (not its access token). Viewers get the document and share
 * awareness, but their document updates are dropped unread (the first one answered with
 * permission denied, `read-only`). An editor's update is checked against the schema before it is
 * applied; a refused one closes the socket with 4400 and nothing of it is applied or forwarded.
 * Limits (frame size, document size and items, message rate, slow receivers) close with a code.
 */
export class CollabConnection {
  private readonly messages: Bucket;
  private readonly presence: Bucket;
  private toldReadOnly = false;
  private isClosed = false;
  private level: PlaybookAccessLevel;

  constructor(
    readonly ws: WebSocket,
    readonly document: CollabDocument,
    readonly user: { id: string; name: string },
    access: PlaybookAccessLevel,
    /** The sign-in session the socket's token came from (absent: a token signed without one). */
    readonly sessionId: string | undefined,
    private readonly opts: CollabOptions,
    /**
     * State vector of the stored state this socket was sent while the document loaded (before
     * the greeting): its first sync step 1 then needs only what changed since.
     */
    private preloadedSv?: Uint8Array,
  ) {
    this.level = access;
    this.messages = new Bucket(() => opts.maxMessagesPerSecond);
    this.presence = new Bucket(() => opts.maxAwarenessPerSecond);
  }

  get userId(): string {
    return this.user.id;
  }

  get access(): PlaybookAccessLevel {
    return this.level;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** A re-check found another access level: it applies from the next message on. */
  setAccess(level: PlaybookAccessLevel): void {
    this.level = level;
  }

  send(message: Uint8Array): void {
    if (this.closed) return;
    if (this.ws.bufferedAmount > this.opts.maxBufferedBytes) {
      this.close(CloseCode.TRY_AGAIN, 'receiver too slow');
      return;
    }
    // No callback per message (a closure per send per receiver in a fan-out): a failed write
    // errors and closes the socket, which ends the connection through its listeners.
    this.ws.send(message, SEND_OPTIONS);
  }

  close(code: number, reason: string): void {
    if (this.isClosed) return;
    if (code >= 4000 && code !== CloseCode.UNAUTHORIZED) log.warn(`closing ${this.userId} on ${this.document.id}: ${code} ${reason}`);
    // Edits of this turn still waiting to be relayed reach this socket before its close frame.
    this.document.relayUpdates();
    this.isClosed = true;
    this.document.removeConnection(this);
    try {
      this.ws.close(code, reason);
    } catch {
      this.ws.terminate();
    }
    // A peer that never answers the close handshake must not hold the socket.
    setTimeout(() => this.ws.terminate(), 2000).unref();
  }

  /** Socket went away on its own. */
  gone(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.document.removeConnection(this);
  }

  /** Handles one frame; any decoding error closes this connection only (4400). */
  handle(data: Uint8Array): void {
    if (this.closed) return;
    if (data.length > this.opts.maxMessageBytes) return this.close(CloseCode.TOO_LARGE, 'message too large');
    if (!this.messages.take()) return this.close(CloseCode.TOO_MANY, 'too many messages');
    try {
      const decoder = decoding.createDecoder(data);
      const type = decoding.readVarUint(decoder);
      if (type === MSG_SYNC) this.handleSync(decoder);
      else if (type === MSG_AWARENESS) this.handleAwareness(decoding.readVarUint8Array(decoder));
      else if (type === MSG_QUERY_AWARENESS) {
        const awareness = this.document.awareness;
        this.send(encodeAwarenessStates(awareness, [...awareness.getStates().keys()]));
      }
      // Other types (auth, unknown) carry nothing the server needs: ignored.
    } catch (error) {
      if (error instanceof UpdateRefused) {
        // Refused as a whole, before anything was applied. The reason travels in band (for
        // editors that read auth messages) and in the close frame.
        log.warn(`refused update from ${this.userId} on ${this.document.id}: ${error.reason}`);
        this.send(permissionDenied(`invalid-update: ${error.reason}`));
        return this.close(CloseCode.MALFORMED, `invalid update: ${error.reason}`.slice(0, 120));
      }
      this.close(CloseCode.MALFORMED, 'malformed message');
      log.warn(`malformed frame from ${this.userId} on ${this.document.id}: ${(error as Error).message}`);
    }
  }

  private handleSync(decoder: decoding.Decoder): void {
    const sub = decoding.readVarUint(decoder);
    if (sub === syncProtocol.messageYjsSyncStep1) {
      this.send(encodeSyncMessage(this.answerSyncStep1(decoding.readVarUint8Array(decoder)), syncProtocol.messageYjsSyncStep2));
      return;
    }
    if (sub !== syncProtocol.messageYjsSyncStep2 && sub !== syncProtocol.messageYjsUpdate) throw new Error(`unknown sync message ${sub}`);
    const update = decoding.readVarUint8Array(decoder);
    // An empty update (sync step 2 of a client with nothing new) changes nothing: no check, no notice.
    if (update.length <= 2 && update.every((b) => b === 0)) return;
    // Read-only: a viewer's document changes are neither applied nor forwarded, and it is told once.
    if (this.level !== 'edit') {
      if (!this.toldReadOnly) {
        this.toldReadOnly = true;
        this.send(permissionDenied('read-only'));
      }
      return;
    }
    // Over the document's size or item budget: nothing applied, the socket closes.
    const tooLarge = this.document.applyClientUpdate(update, this);
    if (tooLarge) this.close(CloseCode.TOO_LARGE, tooLarge);
  }

  /**
   * Awareness: only for client ids this user owns (see `Presence`), each state at most
   * `maxAwarenessStateBytes`, `user` set from the account; too frequent updates are dropped.
   * Entries y-protocols would ignore (a clock not newer than the one held) are skipped unread:
   * stock clients echo every awareness message they get, so at 500 clients each relayed batch
   * came back 500 times, and each entry was parsed, stamped and re-encoded only to be ignored.
   * A message with nothing new does not count against the client's presence rate.
   */
  private handleAwareness(update: Uint8Array): void {
    const awareness = this.document.awareness;
    const entries = decodeAwareness(update, (clientId, clock, isNull) => isNews(awareness, clientId, clock, isNull));
    if (!entries.length || !this.presence.take()) return;
    const kept = [];
    for (const entry of entries) {
      if (entry.json.length > this.opts.maxAwarenessStateBytes) continue;
      if (!this.document.presence.mayPublish(entry.clientId, this.userId)) continue;
      const json = stampUser(entry.json, this.user);
      if (json === null) continue;
      this.document.presence.claim(entry.clientId, this.userId);
      kept.push({ ...entry, json });
    }
    if (kept.length) awarenessProtocol.applyAwarenessUpdate(awareness, encodeAwareness(kept), this);
  }

  /** What a client with state vector `sv` lacks; cheap for the common case of an empty client. */
  private answerSyncStep1(sv: Uint8Array): Uint8Array {
    const preloaded = this.preloadedSv;
    this.preloadedSv = undefined;
    const empty = sv.length === 1 && sv[0] === 0;
    if (!empty) return Y.encodeStateAsUpdate(this.document.doc, sv);
    if (preloaded) return Y.encodeStateAsUpdate(this.document.doc, preloaded);
    return this.document.encodedState();
  }
}
