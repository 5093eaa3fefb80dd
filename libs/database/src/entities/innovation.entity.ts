import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Unit } from './organisation.entity';
import { User } from './user.entity';

export const INNOVATION_SOURCES = ['KIPP', 'IGA', 'INNOLAND', 'OTHER'] as const;
export type InnovationSource = (typeof INNOVATION_SOURCES)[number];
/** inisiatif / uji coba / penerapan */
export const INNOVATION_STAGES = ['inisiatif', 'uji_coba', 'penerapan'] as const;
export type InnovationStage = (typeof INNOVATION_STAGES)[number];
/** berlanjut / berkembang / vakum / berhenti */
export const SUSTAINABILITY_STATUSES = ['berlanjut', 'berkembang', 'vakum', 'berhenti'] as const;
export type SustainabilityStatus = (typeof SUSTAINABILITY_STATUSES)[number];

/**
 * A public-service innovation of an origin unit. The full-text vector (`search_vector`) is a
 * generated column maintained by PostgreSQL and is deliberately not mapped here.
 */
@Entity({ tableName: 'innovations' })
export class Innovation {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  title: string;

  @Property({ type: 'text' })
  summary: string;

  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @ManyToOne(() => Unit)
  unit: Unit;

  @Property({ type: 'text', nullable: true })
  regionCode?: string | null;

  @Property({ type: 'int' })
  year: number;

  @Property({ type: 'text' })
  source: InnovationSource;

  /** Id in the source system (KIPP / IGA / Innoland), the natural key for imports. */
  @Property({ type: 'text', nullable: true })
  externalId?: string | null;

  @Property({ type: 'text', nullable: true })
  award?: string | null;

  /** urusan pemerintahan */
  @Property({ type: 'text', nullable: true })
  sector?: string | null;

  @Property({ type: 'boolean' })
  digital: boolean = false;

  @Property({ type: 'int[]' })
  sdgs: number[] = [];

  @Property({ type: 'text[]' })
  tags: string[] = [];

  @Property({ type: 'text', nullable: true })
  stage?: InnovationStage | null;

  @Property({ type: 'text', nullable: true })
  sustainability?: SustainabilityStatus | null;

  @Property({ type: 'int' })
  replicationCount: number = 0;

  /** Demo data, clearly marked (DEMO_DATA=1). */
  @Property({ type: 'boolean' })
  demo: boolean = false;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  createdBy?: User | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  constructor(init: { title: string; summary: string; unit: Unit; year: number; source: InnovationSource }) {
    this.title = init.title;
    this.summary = init.summary;
    this.unit = init.unit;
    this.year = init.year;
    this.source = init.source;
  }
}
