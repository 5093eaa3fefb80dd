import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import { useI18n } from '../i18n/i18n';
import { colourFor } from './extensions';

interface Person {
  id: string;
  name: string;
}

/** Other people present (by account, as the server vouches for `user`), one item each. */
function othersOf(provider: WebsocketProvider, selfId: string): Person[] {
  const seen = new Map<string, Person>();
  for (const [clientId, state] of provider.awareness.getStates()) {
    if (clientId === provider.awareness.clientID) continue;
    const u = (state as { user?: { id?: unknown; name?: unknown } }).user;
    if (!u || typeof u.name !== 'string') continue;
    const id = typeof u.id === 'string' ? u.id : u.name;
    if (id === selfId) continue; // my other tabs are not another person
    seen.set(id, { id, name: u.name });
  }
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function Presence({ provider, selfId }: { provider: WebsocketProvider; selfId: string }) {
  const { t } = useI18n();
  const [people, setPeople] = useState<Person[]>(() => othersOf(provider, selfId));
  useEffect(() => {
    const update = () => setPeople(othersOf(provider, selfId));
    update();
    provider.awareness.on('change', update);
    return () => provider.awareness.off('change', update);
  }, [provider, selfId]);
  return (
    <section className="presence" aria-labelledby="h-presence">
      <h2 id="h-presence" className="small-heading">
        {t('pb.presence')}
      </h2>
      <ul aria-labelledby="h-presence">
        {people.map((p) => (
          <li key={p.id}>
            <span className="dot" style={{ backgroundColor: colourFor(p.id) }} aria-hidden="true" />
            {p.name}
          </li>
        ))}
      </ul>
      {people.length === 0 && <p className="muted small">{t('pb.alone')}</p>}
    </section>
  );
}
