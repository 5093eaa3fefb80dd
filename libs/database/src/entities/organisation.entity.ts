import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { User } from './user.entity';

export const AGENCY_KINDS = ['ministry', 'agency', 'province', 'regency', 'city', 'soe', 'other'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** An instansi: ministry, agency, province, regency, city or BUMN/BUMD. */
@Entity({ tableName: 'agencies' })
export class Agency {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  name: string;

  @Property({ type: 'text' })
  kind: AgencyKind;

  /** Kemendagri region code, e.g. "33" (Jawa Tengah) or "33.74" (Kota Semarang). */
  @Property({ type: 'text', nullable: true })
  regionCode?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  constructor(name: string, kind: AgencyKind, regionCode?: string | null) {
    this.name = name;
    this.kind = kind;
    this.regionCode = regionCode ?? null;
  }
}

/** A unit kerja inside an agency. */
@Entity({ tableName: 'units' })
export class Unit {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Agency, { deleteRule: 'cascade' })
  agency: Agency;

  @Property({ type: 'text' })
  name: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  constructor(agency: Agency, name: string) {
    this.agency = agency;
    this.name = name;
  }
}

export const UNIT_ROLES = ['admin', 'member'] as const;
export type UnitRole = (typeof UNIT_ROLES)[number];

@Entity({ tableName: 'memberships' })
@Unique({ properties: ['unit', 'user'] })
export class Membership {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Unit, { deleteRule: 'cascade' })
  unit: Unit;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user: User;

  @Property({ type: 'text' })
  role: UnitRole;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  constructor(unit: Unit, user: User, role: UnitRole) {
    this.unit = unit;
    this.user = user;
    this.role = role;
  }
}
