import { Migration } from '@mikro-orm/migrations';

/**
 * One row per day the notification digest ran: the node whose insert wins sends it. Its own
 * migration because databases had already applied the people/mail/files one without it
 * (`if not exists`: a database migrated from a development build may have it already).
 */
export class Migration20261201040100_notification_digest_runs extends Migration {
  override up(): void {
    this.addSql(
      `create table if not exists notification_digest_runs (day date primary key, ran_at timestamptz not null default now(), node text);`,
    );
  }
}
