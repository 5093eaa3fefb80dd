import { Migration } from '@mikro-orm/migrations';

/**
 * Replication evidence: stage checklists (seeded lazily per replication, `checklist_seeds`
 * marks that it happened so deleted items stay deleted) with curator overrides audited;
 * before/after indicators with measurements and the origin innovation's own results; issued
 * documents with their verification codes (one live code per kind and subject: a partial
 * unique index); data refresh campaigns with one item per innovation, and the innovation's
 * verification state and contact person on `innovations`.
 * `attachment_id` columns are deliberately without a foreign key: attachments are a separate
 * module and the evidence check goes through `AttachmentEvidence`.
 */
export class Migration20261201050000_evidence extends Migration {
  override up(): void {
    this.addSql(`create table checklist_items (
      id uuid primary key,
      replication_id uuid not null references replications(id) on delete cascade,
      stage text not null check (stage in ('PREPARING','PLANNING','IMPLEMENTING','EVALUATING','INSTITUTIONALIZED')),
      title text not null check (length(title) between 1 and 300),
      required boolean not null default false,
      evidence_required boolean not null default false,
      position int not null default 0,
      seed_key text,
      done boolean not null default false,
      done_by_id uuid references users(id) on delete set null,
      done_at timestamptz,
      attachment_id uuid,
      created_by_id uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (done or (done_by_id is null and done_at is null))
    );`);
    this.addSql(`create index checklist_items_replication_idx on checklist_items(replication_id, stage, position, created_at);`);
    this.addSql(`create table checklist_seeds (
      replication_id uuid primary key references replications(id) on delete cascade,
      seeded_at timestamptz not null default now()
    );`);
    this.addSql(`create table checklist_overrides (
      id uuid primary key,
      replication_id uuid not null references replications(id) on delete cascade,
      from_stage text not null,
      to_stage text not null,
      actor_id uuid references users(id) on delete set null,
      note text not null,
      missing jsonb not null,
      at timestamptz not null default now()
    );`);
    this.addSql(`create index checklist_overrides_replication_idx on checklist_overrides(replication_id, at);`);

    this.addSql(`create table replication_indicators (
      id uuid primary key,
      replication_id uuid not null references replications(id) on delete cascade,
      name text not null,
      unit text not null,
      direction text not null check (direction in ('lower','higher')),
      baseline_value double precision not null,
      baseline_at timestamptz not null,
      baseline_source text,
      target double precision,
      created_by_id uuid references users(id) on delete set null,
      created_at timestamptz not null default now()
    );`);
    this.addSql(`create index replication_indicators_replication_idx on replication_indicators(replication_id, created_at);`);
    this.addSql(`create table indicator_measurements (
      id uuid primary key,
      indicator_id uuid not null references replication_indicators(id) on delete cascade,
      value double precision not null,
      at timestamptz not null,
      attachment_id uuid,
      created_by_id uuid references users(id) on delete set null,
      created_at timestamptz not null default now()
    );`);
    this.addSql(`create index indicator_measurements_indicator_idx on indicator_measurements(indicator_id, at desc, created_at desc);`);
    this.addSql(`create table innovation_results (
      id uuid primary key,
      innovation_id uuid not null references innovations(id) on delete cascade,
      name text not null,
      unit text not null,
      direction text not null check (direction in ('lower','higher')),
      before_value double precision not null,
      after_value double precision not null,
      measured_at timestamptz,
      source text,
      created_by_id uuid references users(id) on delete set null,
      created_at timestamptz not null default now()
    );`);
    this.addSql(`create index innovation_results_innovation_idx on innovation_results(innovation_id, created_at);`);

    this.addSql(`create table evidence_documents (
      id uuid primary key,
      code text not null unique,
      kind text not null check (kind in ('agreement','certificate','report')),
      subject_id uuid not null,
      replication_id uuid references replications(id) on delete cascade,
      mentorship_id uuid references mentorships(id) on delete cascade,
      subject jsonb not null,
      issued_by_id uuid references users(id) on delete set null,
      issued_at timestamptz not null default now(),
      revoked_at timestamptz,
      revoked_by_id uuid references users(id) on delete set null,
      revoke_reason text
    );`);
    this.addSql(`create unique index evidence_documents_live on evidence_documents(kind, subject_id) where revoked_at is null;`);

    this.addSql(`create table refresh_campaigns (
      id uuid primary key,
      title text not null,
      filter jsonb not null,
      deadline timestamptz not null,
      remind_days_before int not null default 3 check (remind_days_before between 0 and 60),
      created_by_id uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      closed_at timestamptz
    );`);
    this.addSql(`create index refresh_campaigns_open_idx on refresh_campaigns(deadline) where closed_at is null;`);
    this.addSql(`create table refresh_campaign_items (
      campaign_id uuid not null references refresh_campaigns(id) on delete cascade,
      innovation_id uuid not null references innovations(id) on delete cascade,
      unit_id uuid not null references units(id) on delete cascade,
      confirmed_at timestamptz,
      confirmed_by_id uuid references users(id) on delete set null,
      changes jsonb,
      reminded_at timestamptz,
      flagged_at timestamptz,
      primary key (campaign_id, innovation_id)
    );`);
    this.addSql(`create index refresh_campaign_items_unit_idx on refresh_campaign_items(unit_id) where confirmed_at is null;`);
    this.addSql(`alter table innovations
      add column verified_at timestamptz,
      add column unverified_since timestamptz,
      add column contact jsonb;`);
  }
}
