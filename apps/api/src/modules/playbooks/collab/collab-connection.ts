import { Logger } from '@nestjs/common';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { WebSocket } from 'ws';
import type { PlaybookAccessLevel } from '../playbook-access.service';
import { CollabDocument, encodeSyncMessage, MSG_AWARENESS, MSG_SYNC } from './collab-document';
import { CloseCode, CollabOptions } from './collab-options';

const MSG_QUERY_AWARENESS = 3;
/** One logger for all connections (there may be thousands). */
const log = new Logger('CollabConnection');

/**
 * One authorised client socket on one document, speaking the y-websocket protocol. Viewers
 * get the document and share awareness, but their document updates are dropped unread.
 * Limits (frame size, document size, message rate, slow receivers) close with a code.
 */
export class CollabConnection {
  private tokens: number;
  private lastRefill = Date.now();
  private expiryTimer?: NodeJS.Timeout;
  closed = false;
  /**
   * State vector of the stored state this socket was sent while the document loaded (before
   * the greeting): its first sync step 1 then needs only what changed since.
   */
  preloadedSv?: Uint8Array;

  constructor(
    readonly ws: WebSocket,
    readonly document: CollabDocument,
    readonly userId: string,
    public access: PlaybookAccessLevel,
    expiresAt: number,
    private readonly opts: CollabOptions,
  ) {
    this.tokens = opts.maxMessagesPerSecond * 2;
    const ttl = expiresAt - Date.now();
    if (ttl < 2 ** 31 - 1) {
      this.expiryTimer = setTimeout(() => this.close(CloseCode.UNAUTHORIZED, 'token expired'), Math.max(0, ttl));
    }
  }

  send(message: Uint8Array): void {
    if (this.closed) return;
    if (this.ws.bufferedAmount > this.opts.maxBufferedBytes) {
      this.close(CloseCode.TRY_AGAIN, 'receiver too slow');
      return;
    }
    this.ws.send(message, { binary: true }, (err) => {
      if (err) this.close(CloseCode.GOING_AWAY, 'send failed');
    });
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    if (code >= 4000 && code !== CloseCode.UNAUTHORIZED) log.warn(`closing ${this.userId} on ${this.document.id}: ${code} ${reason}`);
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
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
    if (this.closed) return;
    this.closed = true;
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.document.removeConnection(this);
  }

  private allow(): boolean {
    const now = Date.now();
    const rate = this.opts.maxMessagesPerSecond;
    this.tokens = Math.min(rate * 2, this.tokens + ((now - this.lastRefill) / 1000) * rate);
    this.lastRefill = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Handles one frame; any decoding error closes this connection only (4400). */
  handle(data: Uint8Array): void {
    if (this.closed) return;
    if (data.length > this.opts.maxMessageBytes) return this.close(CloseCode.TOO_LARGE, 'message too large');
    if (!this.allow()) return this.close(CloseCode.TOO_MANY, 'too many messages');
    try {
      const decoder = decoding.createDecoder(data);
      const type = decoding.readVarUint(decoder);
      if (type === MSG_SYNC) this.handleSync(decoder);
      else if (type === MSG_AWARENESS) {
        awarenessProtocol.applyAwarenessUpdate(this.document.awareness, decoding.readVarUint8Array(decoder), this);
      } else if (type === MSG_QUERY_AWARENESS) {
        const states = this.document.awareness.getStates();
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MSG_AWARENESS);
        encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.document.awareness, [...states.keys()]));
        this.send(encoding.toUint8Array(encoder));
      }
      // Other types (auth, unknown) carry nothing the server needs: ignored.
    } catch (error) {
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
    // Read-only: a viewer's document changes are neither applied nor forwarded.
    if (this.access !== 'edit') return;
    const update = decoding.readVarUint8Array(decoder);
    const doc = this.document;
    if (doc.sizeEstimate + update.length > this.opts.maxDocBytes && doc.exactSize() + update.length > this.opts.maxDocBytes) {
      return this.close(CloseCode.TOO_LARGE, 'document too large');
    }
    Y.applyUpdate(doc.doc, update, this);
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

  dispose(): void {
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
  }
}
