import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

export const PLATFORM_ROLES = ['admin', 'curator', 'moderator', 'user'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

@Entity({ tableName: 'users' })
export class User {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text', unique: true })
  email: string;

  @Property({ type: 'text' })
  name: string;

  /** argon2id hash; never serialised. */
  @Property({ type: 'text', hidden: true, lazy: true })
  passwordHash: string;

  @Property({ type: 'text[]' })
  roles: PlatformRole[] = ['user'];

  /** Bumped whenever roles or memberships change, so live sockets can re-check access. */
  @Property({ type: 'int' })
  accessVersion: number = 0;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  /** Null until the address is confirmed through the mailed link. */
  @Property({ type: 'timestamptz', nullable: true })
  emailVerifiedAt?: Date | null = null;

  /** Jabatan. */
  @Property({ type: 'text', nullable: true })
  position?: string | null = null;

  @Property({ type: 'text', nullable: true })
  phone?: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  avatarAttachmentId?: string | null = null;

  constructor(email: string, name: string, passwordHash: string) {
    this.email = email;
    this.name = name;
    this.passwordHash = passwordHash;
  }
}
