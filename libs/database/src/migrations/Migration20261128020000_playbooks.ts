import { Migration } from '@mikro-orm/migrations';

/**
 * Playbook content storage. Each playbook's Yjs document is its snapshot (one merged update)
 * plus the append-only log of updates stored since. Compaction merges the log into the
 * snapshot under a row lock and a compare-and-set on `version`, deleting exactly the log rows
 * it merged, so an older merge never overwrites a newer one and a row committed late is never
 * lost. Named versions keep full document states. Search covers title and plain text.
 */
export class Migration20261128020000_playbooks extends Migration {
  override up(): void {
    this.addSql(`create table playbook_snapshots (
      playbook_id uuid primary key references playbooks(id) on delete cascade,
      data bytea not null,
      version int not null default 0,
      updated_at timestamptz not null default now()
    );`);
    this.addSql(`create table playbook_updates (
      id bigserial primary key,
      playbook_id uuid not null references playbooks(id) on delete cascade,
      data bytea not null,
      node_id text,
      created_at timestamptz not null default now()
    );`);
    this.addSql(`create index playbook_updates_playbook_idx on playbook_updates(playbook_id, id);`);
    this.addSql(`create table playbook_versions (
      id uuid primary key,
      playbook_id uuid not null references playbooks(id) on delete cascade,
      label text not null,
      data bytea not null,
      auto boolean not null default false,
      created_by_id uuid references users(id) on delete set null,
      created_at timestamptz not null default now()
    );`);
    this.addSql(`create index playbook_versions_playbook_idx on playbook_versions(playbook_id, created_at desc);`);
    this.addSql(
      `alter table playbooks add column search_vector tsvector generated always as (to_tsvector('simple', title || ' ' || plain_text)) stored;`,
    );
    this.addSql(`create index playbooks_search_idx on playbooks using gin(search_vector);`);
  }

  override down(): void {
    this.addSql(`drop index if exists playbooks_search_idx;`);
    this.addSql(`alter table playbooks drop column if exists search_vector;`);
    this.addSql(`drop table if exists playbook_versions;`);
    this.addSql(`drop table if exists playbook_updates;`);
    this.addSql(`drop table if exists playbook_snapshots;`);
  }
}
