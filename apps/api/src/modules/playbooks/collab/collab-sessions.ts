import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AuthSessionsService, SessionEnd, sessionEndMatches, SessionEvents } from '@app/auth';
import { CollabBus } from './collab-bus';
import type { CollabConnection } from './collab-connection';
import { CollabDocuments } from './collab-documents.service';
import { CloseCode, CollabOptions } from './collab-options';

/**
 * Keeps collaboration sockets tied to their sign-in session instead of their access token: a
 * socket outlives its token and is closed with 4401 when the session ends. Endings come from
 * `SessionEvents` on the node where they happen and reach every node over the collab bus; a
 * periodic sweep re-reads the sessions of open sockets, so a notice lost while Redis was down
 * still closes them within one sweep.
 */
@Injectable()
export class CollabSessions implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('CollabSessions');
  /** Sessions ended lately: a socket authorised with one in flight is closed as it attaches. */
  private readonly recentlyEnded: { end: SessionEnd; at: number }[] = [];
  private sweepTimer?: NodeJS.Timeout;

  constructor(
    private readonly sessions: AuthSessionsService,
    private readonly events: SessionEvents,
    private readonly bus: CollabBus,
    private readonly documents: CollabDocuments,
    private readonly opts: CollabOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.events.onEnded((end) => this.bus.announceAccess({ sessionEnd: end }));
    this.bus.onAccess((notice) => {
      if (notice.sessionEnd) this.ended(notice.sessionEnd);
    });
    this.armSweep();
  }

  onApplicationShutdown(): void {
    if (this.sweepTimer) clearTimeout(this.sweepTimer);
  }

  /** Whether a session is still valid at connect (no session id: a token signed without one). */
  async isActive(sessionId: string | undefined): Promise<boolean> {
    return !sessionId || this.sessions.isActive(sessionId);
  }

  /** True when the connection's session ended while it was being authorised. */
  endedMeanwhile(userId: string, sessionId: string | undefined, since: number): boolean {
    return this.recentlyEnded.some((r) => r.at >= since && sessionEndMatches(r.end, userId, sessionId));
  }

  private ended(end: SessionEnd): void {
    const now = Date.now();
    this.recentlyEnded.push({ end, at: now });
    // Only what an authorisation in flight could have missed (bounded by its timeout) is kept.
    while (this.recentlyEnded.length && this.recentlyEnded[0]!.at < now - this.opts.authTimeoutMs - 1000) this.recentlyEnded.shift();
    for (const conn of this.connections())
      if (sessionEndMatches(end, conn.userId, conn.sessionId)) conn.close(CloseCode.UNAUTHORIZED, 'session ended');
  }

  private connections(): Iterable<CollabConnection> {
    return this.documents.connections();
  }

  private armSweep(): void {
    this.sweepTimer = setTimeout(() => {
      void this.sweep()
        .catch((e: Error) => this.log.warn(`session sweep failed: ${e.message}`))
        .finally(() => this.armSweep());
    }, this.opts.sessionRecheckMs);
    this.sweepTimer.unref();
  }

  /** One query for every session with an open socket on this node; ended ones close with 4401. */
  async sweep(): Promise<void> {
    const conns = [...this.connections()].filter((c) => c.sessionId);
    if (!conns.length) return;
    const active = await this.sessions.activeOf([...new Set(conns.map((c) => c.sessionId!))]);
    for (const conn of conns) if (!active.has(conn.sessionId!)) conn.close(CloseCode.UNAUTHORIZED, 'session ended');
  }
}
