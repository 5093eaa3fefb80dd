import { Migration } from '@mikro-orm/migrations';

/**
 * People, email and files (issue 17): verified addresses and profiles, one-time account tokens
 * (verification, password reset), unit invitations, the mail queue (also the outbox when no SMTP
 * server is configured), email delivery preferences and the digest marker, innovation followers,
 * and attachments with their bytes in chunks (or in S3).
 */
export class Migration20261201040000_people_mail_files extends Migration {
  override up(): void {
    // Accounts that exist before this migration (demo, admin, seeded) count as verified.
    this.addSql(`alter table users
      add column email_verified_at timestamptz,
      add column position text,
      add column phone text,
      add column avatar_attachment_id uuid;`);
    this.addSql(`update users set email_verified_at = created_at;`);

    this.addSql(`create table account_tokens (
      id uuid primary key,
      user_id uuid not null references users(id) on delete cascade,
      kind text not null check (kind in ('verify_email','password_reset')),
      token_hash text not null unique,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    );`);
    this.addSql(`create index account_tokens_user_idx on account_tokens(user_id, kind, created_at desc);`);

    this.addSql(`create table invitations (
      id uuid primary key,
      unit_id uuid not null references units(id) on delete cascade,
      email text not null,
      role text not null check (role in ('admin','member')),
      token_hash text not null unique,
      invited_by_id uuid references users(id) on delete set null,
      expires_at timestamptz not null,
      accepted_at timestamptz,
      accepted_by_id uuid references users(id) on delete set null,
      revoked_at timestamptz,
      created_at timestamptz not null default now()
    );`);
    this.addSql(`create index invitations_unit_idx on invitations(unit_id, created_at desc);`);
    this.addSql(`create table invitation_audit (
      id uuid primary key,
      invitation_id uuid not null references invitations(id) on delete cascade,
      action text not null check (action in ('created','accepted','revoked')),
      actor_id uuid references users(id) on delete set null,
      detail jsonb,
      at timestamptz not null default now()
    );`);

    // One row per mail. status: queued → sent | failed (after the last retry) | outbox (no SMTP).
    this.addSql(`create table mail_queue (
      id uuid primary key,
      to_address text not null,
      subject text not null,
      text_body text not null,
      html_body text not null,
      headers jsonb not null default '{}',
      attachments jsonb not null default '[]',
      template text not null,
      status text not null default 'queued' check (status in ('queued','sending','sent','failed','outbox')),
      attempts int not null default 0,
      next_attempt_at timestamptz not null default now(),
      locked_until timestamptz,
      sent_at timestamptz,
      sent_by text,
      last_error text,
      created_at timestamptz not null default now()
    );`);
    this.addSql(`create index mail_queue_due_idx on mail_queue(next_attempt_at) where status in ('queued','sending');`);
    this.addSql(`create index mail_queue_created_idx on mail_queue(created_at desc);`);

    this.addSql(`create table notification_email_prefs (
      user_id uuid not null references users(id) on delete cascade,
      type text not null,
      mode text not null check (mode in ('immediate','digest','off')),
      primary key (user_id, type)
    );`);
    this.addSql(`alter table notifications add column digest_pending boolean not null default false;`);
    this.addSql(`create index notifications_digest_idx on notifications(user_id, created_at) where digest_pending;`);

    this.addSql(`create table innovation_follows (
      innovation_id uuid not null references innovations(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (innovation_id, user_id)
    );`);
    this.addSql(`create index innovation_follows_user_idx on innovation_follows(user_id);`);

    // parent_type + parent_id name the owner; for sessions parent_id is the session's id.
    this.addSql(`create table attachments (
      id uuid primary key,
      parent_type text not null check (parent_type in ('replication','innovation','post','playbook','session','user')),
      parent_id uuid not null,
      name text not null,
      size bigint not null default 0,
      content_type text not null,
      storage text not null check (storage in ('pg','s3')),
      storage_key text,
      complete boolean not null default false,
      created_by_id uuid references users(id) on delete set null,
      created_at timestamptz not null default now()
    );`);
    this.addSql(`create index attachments_parent_idx on attachments(parent_type, parent_id, created_at);`);
    this.addSql(`create table attachment_chunks (
      attachment_id uuid not null references attachments(id) on delete cascade,
      seq int not null,
      data bytea not null,
      primary key (attachment_id, seq)
    );`);
    // Chunks are written once, already compressed formats mostly: no TOAST compression work.
    this.addSql(`alter table attachment_chunks alter column data set storage external;`);
    this.addSql(
      `alter table users add constraint users_avatar_fk foreign key (avatar_attachment_id) references attachments(id) on delete set null;`,
    );
  }
}
