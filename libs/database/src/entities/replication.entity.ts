import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Innovation } from './innovation.entity';
import { Unit } from './organisation.entity';
import { User } from './user.entity';

export const REPLICATION_STAGES = [
  'PROPOSED',
  'AGREED',
  'PREPARING',
  'PLANNING',
  'IMPLEMENTING',
  'EVALUATING',
  'INSTITUTIONALIZED',
  'DECLINED',
  'WITHDRAWN',
  'STALLED',
  'DISCONTINUED',
] as const;
export type ReplicationStage = (typeof REPLICATION_STAGES)[number];

/** mandiri / kerja sama / fasilitasi */
export const REPLICATION_MODELS = ['mandiri', 'kerja_sama', 'fasilitasi'] as const;
export type ReplicationModel = (typeof REPLICATION_MODELS)[number];

/** A replicating unit adopting an innovation; the origin unit is always credited. */
@Entity({ tableName: 'replications' })
export class Replication {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index()
  @ManyToOne(() => Innovation, { deleteRule: 'cascade' })
  innovation: Innovation;

  @ManyToOne(() => Unit)
  originUnit: Unit;

  @Index()
  @ManyToOne(() => Unit)
  replicatingUnit: Unit;

  @ManyToOne(() => Unit, { nullable: true })
  facilitatorUnit?: Unit | null;

  @Property({ type: 'text' })
  model: ReplicationModel = 'mandiri';

  @Property({ type: 'text' })
  stage: ReplicationStage = 'PROPOSED';

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  createdBy?: User | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  constructor(innovation: Innovation, originUnit: Unit, replicatingUnit: Unit) {
    this.innovation = innovation;
    this.originUnit = originUnit;
    this.replicatingUnit = replicatingUnit;
  }
}

/** One recorded move of a replication's stage: who, when, why. */
@Entity({ tableName: 'replication_transitions' })
export class ReplicationTransition {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index()
  @ManyToOne(() => Replication, { deleteRule: 'cascade' })
  replication: Replication;

  @Property({ type: 'text', nullable: true })
  fromStage?: ReplicationStage | null;

  @Property({ type: 'text' })
  toStage: ReplicationStage;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  actor?: User | null;

  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @Property({ type: 'timestamptz' })
  at: Date = new Date();

  constructor(
    replication: Replication,
    fromStage: ReplicationStage | null,
    toStage: ReplicationStage,
    actor: User | null,
    note?: string | null,
  ) {
    this.replication = replication;
    this.fromStage = fromStage;
    this.toStage = toStage;
    this.actor = actor;
    this.note = note ?? null;
  }
}
