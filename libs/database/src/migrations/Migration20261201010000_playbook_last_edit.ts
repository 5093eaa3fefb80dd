import { Migration } from '@mikro-orm/migrations';

/**
 * Who edited a playbook last and when (set on every store of editors' changes), for
 * `GET /api/me/playbooks`, newest edit first.
 */
export class Migration20261201010000_playbook_last_edit extends Migration {
  override up(): void {
    this.addSql(`alter table playbooks
      add column last_edited_at timestamptz,
      add column last_edited_by_id uuid references users(id) on delete set null;`);
    this.addSql(`create index playbooks_last_edited_idx on playbooks ((coalesce(last_edited_at, created_at)) desc);`);
  }

  override down(): void {
    this.addSql(`drop index if exists playbooks_last_edited_idx;`);
    this.addSql(`alter table playbooks drop column last_edited_at, drop column last_edited_by_id;`);
  }
}
