import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';

export type AccountTokenKind = 'verify_email' | 'password_reset';

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Single-use tokens mailed to an account (email verification, password reset). Only the
 * sha256 of a token is stored; using one is a single UPDATE, so two concurrent uses cannot
 * both succeed.
 */
@Injectable()
export class AccountTokens {
  constructor(private readonly em: EntityManager) {}

  async issue(userId: string, kind: AccountTokenKind, ttlSeconds: number, em: EntityManager = this.em): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await em.execute(
      `insert into account_tokens (id, user_id, kind, token_hash, expires_at) values (?, ?, ?, ?, now() + make_interval(secs => ?))`,
      [randomUUID(), userId, kind, tokenHash(token), ttlSeconds],
    );
    return token;
  }

  /** Spends a valid token; returns its user, or null when unknown, used or expired. */
  async consume(token: string, kind: AccountTokenKind, em: EntityManager = this.em): Promise<string | null> {
    const rows = await em.execute<{ user_id: string }[]>(
      `update account_tokens set used_at = now() where token_hash = ? and kind = ? and used_at is null and expires_at > now() returning user_id`,
      [tokenHash(token), kind],
    );
    return rows[0]?.user_id ?? null;
  }

  /** Spends every outstanding token of this kind (a new password makes older reset links useless). */
  async spendAll(userId: string, kind: AccountTokenKind, em: EntityManager = this.em): Promise<void> {
    await em.execute(`update account_tokens set used_at = now() where user_id = ? and kind = ? and used_at is null`, [userId, kind]);
  }

  async issuedSince(userId: string, kind: AccountTokenKind, seconds: number): Promise<number> {
    const [r] = await this.em.execute<{ n: number }[]>(
      `select count(*)::int as n from account_tokens where user_id = ? and kind = ? and created_at > now() - make_interval(secs => ?)`,
      [userId, kind, seconds],
    );
    return r.n;
  }
}
