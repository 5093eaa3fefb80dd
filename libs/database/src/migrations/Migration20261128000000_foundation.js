"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Migration20261128000000_foundation = void 0;
const migrations_1 = require("@mikro-orm/migrations");
/** Accounts, organisations, the innovation catalogue, replications, playbook records, notifications. */
class Migration20261128000000_foundation extends migrations_1.Migration {
    up() {
        this.addSql(`create extension if not exists pg_trgm;`);
        this.addSql(`create extension if not exists unaccent;`);
        this.addSql(`create table users (
      id uuid primary key,
      email text not null unique,
      name text not null,
      password_hash text not null,
      roles text[] not null default '{user}',
      access_version int not null default 0,
      created_at timestamptz not null default now()
    );`);
        this.addSql(`create table refresh_tokens (
      id uuid primary key,
      user_id uuid not null references users(id) on delete cascade,
      family_id uuid not null,
      secret_hash text not null,
      expires_at timestamptz not null,
      used_at timestamptz,
      revoked_at timestamptz,
      created_at timestamptz not null default now()
    );`);
        this.addSql(`create index refresh_tokens_family_idx on refresh_tokens(family_id);`);
        this.addSql(`create index refresh_tokens_user_idx on refresh_tokens(user_id);`);
        this.addSql(`create table agencies (
      id uuid primary key,
      name text not null,
      kind text not null check (kind in ('ministry','agency','province','regency','city','soe','other')),
      region_code text,
      created_at timestamptz not null default now()
    );`);
        this.addSql(`create table units (
      id uuid primary key,
      agency_id uuid not null references agencies(id) on delete cascade,
      name text not null,
      created_at timestamptz not null default now()
    );`);
        this.addSql(`create index units_agency_idx on units(agency_id);`);
        this.addSql(`create table memberships (
      id uuid primary key,
      unit_id uuid not null references units(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      role text not null check (role in ('admin','member')),
      created_at timestamptz not null default now(),
      unique (unit_id, user_id)
    );`);
        this.addSql(`create index memberships_user_idx on memberships(user_id);`);
        this.addSql(`create table innovations (
      id uuid primary key,
      title text not null,
      summary text not null,
      description text,
      unit_id uuid not null references units(id),
      region_code text,
      year int not null,
      source text not null check (source in ('KIPP','IGA','INNOLAND','OTHER')),
      external_id text,
      award text,
      sector text,
      digital boolean not null default false,
      sdgs int[] not null default '{}',
      tags text[] not null default '{}',
      stage text,
      sustainability text,
      replication_count int not null default 0,
      created_by_id uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );`);
        this.addSql(`create index innovations_unit_idx on innovations(unit_id);`);
        this.addSql(`create unique index innovations_source_external_uidx on innovations(source, external_id) where external_id is not null;`);
        this.addSql(`create table replications (
      id uuid primary key,
      innovation_id uuid not null references innovations(id) on delete cascade,
      origin_unit_id uuid not null references units(id),
      replicating_unit_id uuid not null references units(id),
      facilitator_unit_id uuid references units(id),
      model text not null default 'mandiri',
      stage text not null default 'PROPOSED',
      created_by_id uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );`);
        this.addSql(`create index replications_innovation_idx on replications(innovation_id);`);
        this.addSql(`create index replications_replicating_unit_idx on replications(replicating_unit_id);`);
        this.addSql(`create index replications_origin_unit_idx on replications(origin_unit_id);`);
        this.addSql(`create table replication_transitions (
      id uuid primary key,
      replication_id uuid not null references replications(id) on delete cascade,
      from_stage text,
      to_stage text not null,
      actor_id uuid references users(id) on delete set null,
      note text,
      at timestamptz not null default now()
    );`);
        this.addSql(`create index replication_transitions_replication_idx on replication_transitions(replication_id, at);`);
        this.addSql(`create table playbooks (
      id uuid primary key,
      replication_id uuid unique references replications(id) on delete cascade,
      template_for_id uuid references innovations(id) on delete cascade,
      title text not null,
      visibility text not null default 'team' check (visibility in ('team','public')),
      plain_text text not null default '',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );`);
        this.addSql(`create index playbooks_template_idx on playbooks(template_for_id);`);
        this.addSql(`create table notifications (
      id uuid primary key,
      user_id uuid not null references users(id) on delete cascade,
      type text not null,
      payload jsonb not null default '{}',
      read_at timestamptz,
      created_at timestamptz not null default now()
    );`);
        this.addSql(`create index notifications_user_created_idx on notifications(user_id, created_at desc);`);
        this.addSql(`create index notifications_user_unread_idx on notifications(user_id) where read_at is null;`);
    }
}
exports.Migration20261128000000_foundation = Migration20261128000000_foundation;
//# sourceMappingURL=Migration20261128000000_foundation.js.map