import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { User } from './user.entity';

/** One entry of a user's notification feed (reply, mention, stage change, ...). */
@Entity({ tableName: 'notifications' })
@Index({ properties: ['user', 'createdAt'] })
export class Notification {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user: User;

  @Property({ type: 'text' })
  type: string;

  @Property({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Property({ type: 'timestamptz', nullable: true })
  readAt?: Date | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  constructor(user: User, type: string, payload: Record<string, unknown>) {
    this.user = user;
    this.type = type;
    this.payload = payload;
  }
}
