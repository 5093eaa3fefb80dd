import { decodeAwareness } from './protocol';

/**
 * A state as the server relays it: `user` carries the signed-in account's id and name, whatever
 * the client wrote there (other `user` fields, such as a caret colour, are kept). Null when the
 * text is not a JSON object or null.
 */
export function stampUser(json: string, user: { id: string; name: string }): string | null {
  let state: unknown;
  try {
    state = JSON.parse(json);
  } catch {
    return null;
  }
  if (state === null) return 'null';
  if (typeof state !== 'object' || Array.isArray(state)) return null;
  const s = state as Record<string, unknown>;
  const given = s.user && typeof s.user === 'object' && !Array.isArray(s.user) ? (s.user as Record<string, unknown>) : {};
  s.user = { ...given, id: user.id, name: user.name };
  return JSON.stringify(s);
}

/** Most client ids remembered per document (oldest forgotten first). */
const MAX_OWNERS = 20_000;

/**
 * Who may publish awareness for which Yjs client id on one document. A client id belongs to the
 * first user that publishes awareness or writes document content as it (on this node, or on another
 * node, learnt from the states relayed over the bus) since the document was loaded; that user keeps
 * it across reconnects. Nobody else can set or remove its state.
 */
export class Presence {
  private readonly owners = new Map<number, string>();

  mayPublish(clientId: number, userId: string): boolean {
    const owner = this.owners.get(clientId);
    return owner === undefined || owner === userId;
  }

  claim(clientId: number, userId: string): void {
    if (this.owners.has(clientId)) return;
    if (this.owners.size >= MAX_OWNERS) this.owners.delete(this.owners.keys().next().value!);
    this.owners.set(clientId, userId);
  }

  /** States relayed by another node carry the user that node stamped: they own those ids. */
  claimRemote(update: Uint8Array): void {
    for (const entry of decodeAwareness(update)) {
      if (entry.json === 'null') continue;
      try {
        const id = (JSON.parse(entry.json) as { user?: { id?: unknown } } | null)?.user?.id;
        if (typeof id === 'string') this.claim(entry.clientId, id);
      } catch {
        /* not ours to judge */
      }
    }
  }
}
