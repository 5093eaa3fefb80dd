import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { call, refreshSession, renewMargin, secondsLeft, sessionStore, type StoredSession } from '../api/client';
import type { AuthResult, Me } from '../api/types';

interface Auth {
  session: StoredSession | null;
  me: Me | undefined;
  loading: boolean;
  signIn(email: string, password: string): Promise<void>;
  register(name: string, email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** Takes a token pair the server handed out elsewhere (an accepted invitation). */
  adopt(result: AuthResult): void;
}

const Ctx = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const [session, setSession] = useState(sessionStore.get);
  useEffect(() => sessionStore.subscribe(setSession), []);
  const lastUser = useRef(session?.userId ?? null);
  if (session) lastUser.current = session.userId;

  // Renew the access token shortly before it expires, so sockets reconnecting and the editor's
  // provider always hold a valid one (each renewal rotates the refresh token).
  useEffect(() => {
    if (!session) return;
    const wait = Math.max(1, secondsLeft(session.accessToken) - renewMargin(session.accessToken)) * 1000;
    const timer = setTimeout(() => void refreshSession().catch(() => undefined), wait);
    return () => clearTimeout(timer);
  }, [session]);

  const me = useQuery({ queryKey: ['me', session?.userId], queryFn: () => call<Me>('me'), enabled: !!session, staleTime: 60_000 });

  const accept = useCallback(
    (r: AuthResult) => {
      // Signing in again as the same person (after a session ended) keeps what screens hold.
      if (lastUser.current !== r.user.id) qc.clear();
      sessionStore.set({ accessToken: r.accessToken, refreshToken: r.refreshToken, userId: r.user.id });
    },
    [qc],
  );

  const value = useMemo<Auth>(
    () => ({
      session,
      me: session ? me.data : undefined,
      loading: !!session && me.isPending,
      signIn: async (email, password) => accept(await call<AuthResult>('login', { body: { email, password } })),
      register: async (name, email, password) => accept(await call<AuthResult>('register', { body: { name, email, password } })),
      adopt: accept,
      signOut: async () => {
        const s = sessionStore.get();
        if (s) await call('logout', { body: { refreshToken: s.refreshToken } }).catch(() => undefined);
        sessionStore.set(null);
        qc.clear();
      },
    }),
    [session, me.data, me.isPending, accept, qc],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAuth(): Auth {
  const v = useContext(Ctx);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}
