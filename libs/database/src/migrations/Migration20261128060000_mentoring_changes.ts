import { Migration } from '@mikro-orm/migrations';

/**
 * Mentoring after the proposal: cancelling a scheduled session (who, when, why; a check keeps
 * a session from being both held and cancelled, and the three cancel fields together), and
 * recording changes of the mentor list in the mentorship's history beside its state moves
 * (`kind` tells the two apart; a mentor change keeps the state and lists who came and went).
 */
export class Migration20261128060000_mentoring_changes extends Migration {
  override up(): void {
    this.addSql(`alter table mentorship_sessions
      add column cancelled_at timestamptz,
      add column cancelled_by_id uuid references users(id) on delete set null,
      add column cancel_reason text;`);
    this.addSql(`alter table mentorship_sessions add constraint mentorship_sessions_cancel_chk
      check ((cancelled_at is null or held_at is null) and (cancelled_at is not null or (cancelled_by_id is null and cancel_reason is null)));`);

    this.addSql(`alter table mentorship_transitions
      add column kind text not null default 'state' check (kind in ('state','mentors')),
      add column mentors_added uuid[],
      add column mentors_removed uuid[];`);
  }
}
