import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';

/**
 * The y-websocket wire format, in one place: every frame is [message type][payload], the types
 * being y-protocols' sync, awareness, auth and query-awareness. Everything the server sends is
 * encoded here; frames from clients are read by `CollabConnection`.
 */
export const MSG_SYNC = 0;
export const MSG_AWARENESS = 1;
export const MSG_AUTH = 2;
export const MSG_QUERY_AWARENESS = 3;
/** y-protocols auth: permission denied, followed by a reason string. */
const AUTH_PERMISSION_DENIED = 0;

/**
 * The same bytes as a Buffer (a view, no copy). For messages sent to many sockets: `ws` turns any
 * other Uint8Array into a Buffer on every send.
 */
export function asBuffer(message: Uint8Array): Buffer {
  return Buffer.isBuffer(message) ? message : Buffer.from(message.buffer, message.byteOffset, message.byteLength);
}

/**
 * A y-websocket sync message carrying `update`: an ordinary update (broadcasts, the preload) or
 * sync step 2 (the answer to a client's sync step 1, which makes it "synced"). With type sync
 * step 1 the payload is a state vector.
 */
export function encodeSyncMessage(update: Uint8Array, type: number = syncProtocol.messageYjsUpdate): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MSG_SYNC);
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Sync step 1 with the state vector of `doc`: "send me what I lack". */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MSG_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** An awareness message wrapping an already encoded awareness update. */
export function encodeAwarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MSG_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An awareness message with the states of `clientIds`. */
export function encodeAwarenessStates(awareness: awarenessProtocol.Awareness, clientIds: number[]): Uint8Array {
  return encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(awareness, clientIds));
}

/** A y-protocols auth "permission denied" message with `reason`. */
export function permissionDenied(reason: string): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG_AUTH);
  encoding.writeVarUint(e, AUTH_PERMISSION_DENIED);
  encoding.writeVarString(e, reason);
  return encoding.toUint8Array(e);
}

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The state as JSON text (`null` removes it). */
  json: string;
}

/**
 * Reads a y-protocols awareness update: [count] then [clientId][clock][state JSON] each. With
 * `wanted`, an entry it refuses is passed over without decoding its state (`isNull`: the state's
 * bytes are JSON `null`, a removal).
 */
export function decodeAwareness(
  update: Uint8Array,
  wanted?: (clientId: number, clock: number, isNull: boolean) => boolean,
): AwarenessEntry[] {
  const d = decoding.createDecoder(update);
  const n = decoding.readVarUint(d);
  const out: AwarenessEntry[] = [];
  for (let i = 0; i < n; i++) {
    const clientId = decoding.readVarUint(d);
    const clock = decoding.readVarUint(d);
    if (wanted) {
      const at = d.pos;
      const bytes = decoding.readVarUint8Array(d);
      if (!wanted(clientId, clock, isJsonNull(bytes))) continue;
      d.pos = at;
    }
    out.push({ clientId, clock, json: decoding.readVarString(d) });
  }
  return out;
}

const NULL_BYTES = [0x6e, 0x75, 0x6c, 0x6c];
const isJsonSpace = (b: number | undefined) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

/** Whether UTF-8 `bytes` are JSON text for `null` (whitespace allowed around it, as JSON.parse does). */
function isJsonNull(bytes: Uint8Array): boolean {
  let i = 0;
  while (isJsonSpace(bytes[i])) i++;
  for (const b of NULL_BYTES) if (bytes[i++] !== b) return false;
  while (isJsonSpace(bytes[i])) i++;
  return i === bytes.length;
}

/** Writes awareness entries back as one awareness update (the inverse of `decodeAwareness`). */
export function encodeAwareness(entries: AwarenessEntry[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const x of entries) {
    encoding.writeVarUint(e, x.clientId);
    encoding.writeVarUint(e, x.clock);
    encoding.writeVarString(e, x.json);
  }
  return encoding.toUint8Array(e);
}
