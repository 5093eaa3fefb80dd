import { Migration } from '@mikro-orm/migrations';

/**
 * Mentoring (pendampingan replikasi): mentorships on a replication, their mentors, goals,
 * sessions (with attendance), feedback from each side, and the full history of state moves.
 * At most one non-terminal mentorship per replication, enforced by a partial unique index.
 */
export class Migration20261128040000_mentoring extends Migration {
  override up(): void {
    this.addSql(`create table mentorships (
      id uuid primary key,
      replication_id uuid not null references replications(id) on delete cascade,
      state text not null default 'PROPOSED' check (state in ('PROPOSED','ACTIVE','PAUSED','COMPLETED','DECLINED','CANCELLED')),
      proposed_by_id uuid references users(id) on delete set null,
      proposed_by_side text not null check (proposed_by_side in ('mentee','origin','staff')),
      activated_at timestamptz,
      closed_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );`);
    this.addSql(
      `create unique index mentorships_one_open_per_replication on mentorships(replication_id) where state in ('PROPOSED','ACTIVE','PAUSED');`,
    );
    this.addSql(`create index mentorships_replication_idx on mentorships(replication_id, created_at);`);
    this.addSql(`create index mentorships_state_idx on mentorships(state);`);

    this.addSql(`create table mentorship_mentors (
      id uuid primary key,
      mentorship_id uuid not null references mentorships(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      unit_id uuid not null references units(id) on delete cascade,
      position int not null default 0,
      created_at timestamptz not null default now(),
      unique (mentorship_id, user_id)
    );`);
    this.addSql(`create index mentorship_mentors_user_idx on mentorship_mentors(user_id);`);
    this.addSql(`create index mentorship_mentors_unit_idx on mentorship_mentors(unit_id);`);

    this.addSql(`create table mentorship_goals (
      id uuid primary key,
      mentorship_id uuid not null references mentorships(id) on delete cascade,
      title text not null,
      due_date date,
      status text not null default 'open' check (status in ('open','done','dropped')),
      completed_at timestamptz,
      due_notified_at timestamptz,
      created_by_id uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );`);
    this.addSql(`create index mentorship_goals_mentorship_idx on mentorship_goals(mentorship_id, created_at);`);
    // The periodic "due soon" check scans open, not yet notified goals by due date.
    this.addSql(`create index mentorship_goals_due_idx on mentorship_goals(due_date) where status = 'open' and due_notified_at is null;`);

    this.addSql(`create table mentorship_sessions (
      id uuid primary key,
      mentorship_id uuid not null references mentorships(id) on delete cascade,
      scheduled_at timestamptz not null,
      duration_minutes int not null default 90 check (duration_minutes between 5 and 1440),
      mode text not null check (mode in ('online','onsite','field_visit')),
      agenda text not null,
      location text,
      url text,
      notes text,
      outcome text,
      attendee_ids uuid[] not null default '{}',
      held_at timestamptz,
      sequence int not null default 0,
      created_by_id uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );`);
    this.addSql(`create index mentorship_sessions_mentorship_idx on mentorship_sessions(mentorship_id, scheduled_at);`);

    this.addSql(`create table mentorship_feedback (
      id uuid primary key,
      mentorship_id uuid not null references mentorships(id) on delete cascade,
      side text not null check (side in ('mentor','mentee')),
      rated_unit_id uuid not null references units(id) on delete cascade,
      author_id uuid references users(id) on delete set null,
      rating smallint not null check (rating between 1 and 5),
      comment text,
      created_at timestamptz not null default now(),
      unique (mentorship_id, side)
    );`);
    this.addSql(`create index mentorship_feedback_rated_unit_idx on mentorship_feedback(rated_unit_id);`);

    this.addSql(`create table mentorship_transitions (
      id uuid primary key,
      mentorship_id uuid not null references mentorships(id) on delete cascade,
      from_state text,
      to_state text not null,
      actor_id uuid references users(id) on delete set null,
      note text,
      at timestamptz not null default now()
    );`);
    this.addSql(`create index mentorship_transitions_mentorship_idx on mentorship_transitions(mentorship_id, at);`);
  }
}
