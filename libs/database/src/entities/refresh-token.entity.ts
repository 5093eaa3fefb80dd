import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { User } from './user.entity';

/**
 * One refresh token. Tokens of one sign-in share a family: presenting a token that was
 * already used revokes the whole family (someone copied it).
 */
@Entity({ tableName: 'refresh_tokens' })
export class RefreshToken {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user: User;

  @Index()
  @Property({ type: 'uuid' })
  familyId: string;

  /** sha256 of the secret part; the secret itself is never stored. */
  @Property({ type: 'text', hidden: true })
  secretHash: string;

  @Property({ type: 'timestamptz' })
  expiresAt: Date;

  @Property({ type: 'timestamptz', nullable: true })
  usedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  constructor(user: User, familyId: string, secretHash: string, expiresAt: Date) {
    this.user = user;
    this.familyId = familyId;
    this.secretHash = secretHash;
    this.expiresAt = expiresAt;
  }
}
