import { Migration } from '@mikro-orm/migrations';

/**
 * Lifting a suspension early: who lifted it and why, beside the existing `lifted_at`. A check
 * keeps a lifter or lift reason from existing on a suspension that was never lifted (the lifter
 * may later become null when their account is deleted).
 */
export class Migration20261128050000_suspension_lifts extends Migration {
  override up(): void {
    this.addSql(`alter table user_suspensions
      add column lifted_by_id uuid references users(id) on delete set null,
      add column lift_reason text;`);
    this.addSql(
      `alter table user_suspensions add constraint user_suspensions_lift_chk check (lifted_at is not null or (lifted_by_id is null and lift_reason is null));`,
    );
    // Newest first per user, for GET /api/users/:id/suspensions.
    this.addSql(`create index user_suspensions_user_created_idx on user_suspensions(user_id, created_at desc, id desc);`);
  }
}
