import * as decoding from 'lib0/decoding';
import { useEffect, useRef, useState } from 'react';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { freshAccessToken, refreshSession, sessionStore } from '../api/client';

export type SaveState = 'connecting' | 'saved' | 'saving' | 'offline';
/** A terminal close the user must act on: session ended, access removed, playbook unknown, too large. */
export type Stop = 4401 | 4403 | 4404 | 4413 | null;

export interface Collab {
  doc: Y.Doc;
  provider: WebsocketProvider;
  save: SaveState;
  stop: Stop;
  /** The server refused an update as read-only (access became `view` while open). */
  readOnlyRefused: boolean;
  /** Reconnect with the current session's token (after signing in again). */
  resume(): void;
}

const MSG_SYNC = 0;
const MSG_AUTH = 2;

function collabUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`;
}

/**
 * One playbook's Yjs document and y-websocket connection. "Stored" comes from the server's sync
 * step 1 (its state vector), which it sends after every store: when it covers this client's own
 * clock, every local change is on the server. Token renewal never drops the document: on 4401
 * the hook refreshes over HTTP, puts the token in `provider.params` and reconnects; whatever was
 * typed meanwhile is sent on the new connection.
 */
export function useCollab(playbookId: string): Collab | null {
  const [collab, setCollab] = useState<{ doc: Y.Doc; provider: WebsocketProvider } | null>(null);
  const [save, setSave] = useState<SaveState>('connecting');
  const [stop, setStop] = useState<Stop>(null);
  const [readOnlyRefused, setReadOnlyRefused] = useState(false);
  const storedClock = useRef(0);

  useEffect(() => {
    const doc = new Y.Doc();
    storedClock.current = 0;
    const provider = new WebsocketProvider(collabUrl(), playbookId, doc, {
      params: { token: sessionStore.get()?.accessToken ?? '' },
      disableBc: true, // a viewer tab must never pass edits to an editor tab in the same browser
      connect: false,
    });

    const ownClock = () => Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID) ?? 0;
    let connected = false;
    const recompute = () => {
      if (!connected) setSave('offline');
      else if (!provider.synced) setSave('connecting');
      else setSave(ownClock() > storedClock.current ? 'saving' : 'saved');
    };

    // Read the server's state vector out of every sync step 1 before the stock handler answers it.
    const syncHandler = provider.messageHandlers[MSG_SYNC];
    provider.messageHandlers[MSG_SYNC] = (encoder, decoder, prov, emitSynced, type) => {
      const peek = decoding.createDecoder(decoder.arr.subarray(decoder.pos));
      if (decoding.readVarUint(peek) === syncProtocol.messageYjsSyncStep1) {
        const sv = Y.decodeStateVector(decoding.readVarUint8Array(peek));
        storedClock.current = Math.max(storedClock.current, sv.get(doc.clientID) ?? 0);
        queueMicrotask(recompute);
      }
      syncHandler(encoder, decoder, prov, emitSynced, type);
    };
    provider.messageHandlers[MSG_AUTH] = (_encoder, decoder) => {
      authProtocol.readAuthMessage(decoder, doc, (_d, reason) => {
        if (reason === 'read-only') setReadOnlyRefused(true);
      });
    };

    provider.on('status', ({ status }: { status: string }) => {
      connected = status === 'connected';
      recompute();
    });
    provider.on('sync', recompute);
    doc.on('update', (_u: Uint8Array, origin: unknown) => {
      if (origin !== provider) recompute();
    });
    provider.on('closed', ({ code }: { code: number }) => {
      if (code === 4401) {
        // Expired or ended session: renew once over HTTP; if that fails the user signs in again.
        void refreshSession()
          .catch(() => null)
          .then((s) => {
            if (s) {
              provider.params.token = s.accessToken;
              provider.connect();
            } else setStop(4401);
          });
      } else if (code === 4403 || code === 4404 || code === 4413) setStop(code);
    });
    // Keep the token the next (re)connection presents current.
    const unsubscribe = sessionStore.subscribe((s) => {
      if (s) provider.params.token = s.accessToken;
    });

    void freshAccessToken().then((token) => {
      provider.params.token = token ?? '';
      provider.connect();
    });
    setCollab({ doc, provider });
    return () => {
      unsubscribe();
      provider.destroy();
      doc.destroy();
      setCollab(null);
    };
  }, [playbookId]);

  if (!collab) return null;
  return {
    ...collab,
    save,
    stop,
    readOnlyRefused,
    resume: () => {
      void freshAccessToken().then((token) => {
        if (!token) return;
        setStop(null);
        collab.provider.params.token = token;
        collab.provider.connect();
      });
    },
  };
}
