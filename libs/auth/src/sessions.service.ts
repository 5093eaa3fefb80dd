import { EventEmitter } from 'node:events';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';

/**
 * A sign-in session ended. `sessionId` set: that session (refresh-token family) only; unset: every
 * session of the user, except `exceptSessionId` when given (a password change keeps its own).
 */
export interface SessionEnd {
  userId: string;
  sessionId?: string;
  exceptSessionId?: string;
}

/** Does an open socket of (user, session) belong to this ending? */
export function sessionEndMatches(end: SessionEnd, userId: string, sessionId: string | undefined): boolean {
  if (end.userId !== userId) return false;
  if (end.sessionId) return sessionId === end.sessionId;
  return !end.exceptSessionId || sessionId !== end.exceptSessionId;
}

/**
 * In-process announcements that sign-in sessions ended. Socket layers listen here and relay the
 * notice to every node (the collaboration bus over Redis, socket.io through its adapter).
 */
@Injectable()
export class SessionEvents extends EventEmitter {
  ended(end: SessionEnd): void {
    this.emit('ended', end);
  }
  onEnded(listener: (end: SessionEnd) => void): () => void {
    this.on('ended', listener);
    return () => this.off('ended', listener);
  }
}

/**
 * Sign-in sessions: a session is a refresh-token family; access tokens carry its id (`sid`).
 * Sockets live as long as their session, so ending one is a revocation plus an announcement.
 */
@Injectable()
export class AuthSessionsService {
  constructor(
    private readonly em: EntityManager,
    private readonly events: SessionEvents,
  ) {}

  /** Ends one session (logout, refresh-token reuse): its refresh tokens stop working, its sockets close. */
  async endFamily(sessionId: string): Promise<void> {
    const conn = this.em.fork().getConnection();
    const owner = await conn.execute<{ user_id: string }[]>('select user_id from refresh_tokens where family_id = ? limit 1', [sessionId]);
    await conn.execute('update refresh_tokens set revoked_at = now() where family_id = ? and revoked_at is null', [sessionId]);
    if (owner[0]) this.events.ended({ userId: owner[0].user_id, sessionId });
  }

  /**
   * Ends every sign-in session of a user (password reset or change, account disabled), except
   * `exceptSessionId` when given; their refresh tokens stop working and their sockets close.
   */
  async endAllForUser(userId: string, opts: { exceptSessionId?: string } = {}): Promise<void> {
    const conn = this.em.fork().getConnection();
    if (opts.exceptSessionId) {
      await conn.execute('update refresh_tokens set revoked_at = now() where user_id = ? and family_id <> ? and revoked_at is null', [
        userId,
        opts.exceptSessionId,
      ]);
    } else {
      await conn.execute('update refresh_tokens set revoked_at = now() where user_id = ? and revoked_at is null', [userId]);
    }
    this.events.ended({ userId, exceptSessionId: opts.exceptSessionId });
  }

  /**
   * Of these session ids, the ones still valid (a refresh token of the family neither revoked nor
   * expired; spent tokens count, since rotation spends one before it issues the next).
   */
  async activeOf(sessionIds: string[]): Promise<Set<string>> {
    if (!sessionIds.length) return new Set();
    const rows = await this.em
      .fork()
      .getConnection()
      .execute<{ family_id: string }[]>(
        'select distinct family_id from refresh_tokens where family_id = any(?::uuid[]) and revoked_at is null and expires_at > now()',
        [`{${sessionIds.join(',')}}`],
      );
    return new Set(rows.map((r) => r.family_id));
  }

  async isActive(sessionId: string): Promise<boolean> {
    return (await this.activeOf([sessionId])).has(sessionId);
  }
}
