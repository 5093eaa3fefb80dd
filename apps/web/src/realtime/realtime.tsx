import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import { freshAccessToken, refreshSession } from '../api/client';
import { useAuth } from '../auth/session';

const Ctx = createContext<Socket | null>(null);

/**
 * One socket.io connection to `/realtime` per signed-in tab. The handshake asks for a fresh
 * token each time, so reconnects after a token expiry succeed; a refused handshake renews once.
 */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const { session } = useAuth();
  const userId = session?.userId;
  const [socket, setSocket] = useState<Socket | null>(null);
  const qc = useQueryClient();

  useEffect(() => {
    if (!userId) return;
    const s = io('/realtime', {
      path: '/socket.io',
      transports: ['websocket'],
      auth: (cb) => void freshAccessToken().then((token) => cb({ token })),
    });
    let renewed = false;
    s.on('connect', () => (renewed = false));
    s.on('connect_error', () => {
      if (renewed || s.active) return;
      renewed = true;
      void refreshSession().then((ok) => ok && s.connect());
    });
    s.on('disconnect', (reason) => {
      // The server closes sockets whose session ended or token ran out: come back with a new one.
      if (reason === 'io server disconnect') void refreshSession().then((ok) => ok && s.connect());
    });
    s.on('notification', (n: { payload?: { replicationId?: string } }) => {
      void qc.invalidateQueries({ queryKey: ['notifications'] });
      // A stage change shown anywhere (timeline, home, innovation) is refreshed at once.
      const rid = n?.payload?.replicationId;
      if (rid) {
        void qc.invalidateQueries({ queryKey: ['replication', rid] });
        void qc.invalidateQueries({ queryKey: ['replications'] });
      }
    });
    s.on('playbook:access', () => void qc.invalidateQueries({ queryKey: ['myPlaybooks'] }));
    setSocket(s);
    return () => {
      s.close();
      setSocket(null);
    };
  }, [userId, qc]);

  return <Ctx.Provider value={socket}>{children}</Ctx.Provider>;
}

/** Subscribes to one server event for the lifetime of the calling component. */
export function useRealtimeEvent<T>(event: string, handler: (payload: T) => void): void {
  const socket = useContext(Ctx);
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!socket) return;
    const fn = (p: T) => ref.current(p);
    socket.on(event, fn);
    return () => void socket.off(event, fn);
  }, [socket, event]);
}

/** The tab's socket (null until signed in and connected once), for screens that emit. */
export function useRealtimeSocket(): Socket | null {
  return useContext(Ctx);
}
