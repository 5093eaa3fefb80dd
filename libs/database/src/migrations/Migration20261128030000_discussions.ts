import { Migration } from '@mikro-orm/migrations';

/**
 * Discussions and moderation: threads on an innovation or a replication, posts (one level of
 * replies), edit history, reactions, follows, flags, the moderation queue, suspensions and the
 * moderator audit log. Full-text vectors are generated columns ('simple' config: the corpus mixes
 * Indonesian and English, and stemming either one wrongly hurts more than it helps).
 */
export class Migration20261128030000_discussions extends Migration {
  override up(): void {
    this.addSql(`create table threads (
      id uuid primary key,
      innovation_id uuid references innovations(id) on delete cascade,
      replication_id uuid references replications(id) on delete cascade,
      title text not null,
      author_id uuid not null references users(id) on delete cascade,
      locked boolean not null default false,
      pinned boolean not null default false,
      slow_mode_seconds int not null default 0 check (slow_mode_seconds between 0 and 86400),
      accepted_post_id uuid,
      post_count int not null default 0,
      last_post_at timestamptz not null default now(),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      search_vector tsvector generated always as (to_tsvector('simple', title)) stored,
      check ((innovation_id is null) <> (replication_id is null))
    );`);
    this.addSql(
      `create index threads_innovation_idx on threads(innovation_id, pinned desc, last_post_at desc) where innovation_id is not null;`,
    );
    this.addSql(
      `create index threads_replication_idx on threads(replication_id, pinned desc, last_post_at desc) where replication_id is not null;`,
    );
    this.addSql(`create index threads_search_idx on threads using gin(search_vector);`);

    this.addSql(`create table posts (
      id uuid primary key,
      thread_id uuid not null references threads(id) on delete cascade,
      parent_id uuid references posts(id) on delete set null,
      quote_post_id uuid references posts(id) on delete set null,
      author_id uuid not null references users(id) on delete cascade,
      body text not null,
      html text not null,
      hidden boolean not null default false,
      hidden_reason text,
      hidden_at timestamptz,
      hidden_by_id uuid references users(id) on delete set null,
      deleted_at timestamptz,
      edited_at timestamptz,
      created_at timestamptz not null default now(),
      search_vector tsvector generated always as (to_tsvector('simple', body)) stored
    );`);
    this.addSql(`create index posts_thread_cursor_idx on posts(thread_id, created_at, id);`);
    this.addSql(`create index posts_author_created_idx on posts(author_id, created_at desc);`);
    this.addSql(`create index posts_parent_idx on posts(parent_id) where parent_id is not null;`);
    this.addSql(`create index posts_search_idx on posts using gin(search_vector) where not hidden and deleted_at is null;`);
    this.addSql(
      `alter table threads add constraint threads_accepted_post_fk foreign key (accepted_post_id) references posts(id) on delete set null;`,
    );

    this.addSql(`create table post_edits (
      id uuid primary key,
      post_id uuid not null references posts(id) on delete cascade,
      editor_id uuid references users(id) on delete set null,
      previous_body text not null,
      edited_at timestamptz not null default now()
    );`);
    this.addSql(`create index post_edits_post_idx on post_edits(post_id, edited_at);`);

    this.addSql(`create table post_reactions (
      post_id uuid not null references posts(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      emoji text not null,
      created_at timestamptz not null default now(),
      primary key (post_id, user_id, emoji)
    );`);

    this.addSql(`create table thread_follows (
      thread_id uuid not null references threads(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (thread_id, user_id)
    );`);
    this.addSql(`create index thread_follows_user_idx on thread_follows(user_id);`);

    this.addSql(`create table post_flags (
      id uuid primary key,
      post_id uuid not null references posts(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      reason text not null check (reason in ('spam','abuse','off_topic','other')),
      note text,
      weight real not null default 1,
      outcome text check (outcome in ('upheld','dismissed')),
      created_at timestamptz not null default now(),
      unique (post_id, user_id)
    );`);
    this.addSql(`create index post_flags_user_created_idx on post_flags(user_id, created_at desc);`);

    this.addSql(`create table moderation_items (
      id uuid primary key,
      post_id uuid not null references posts(id) on delete cascade,
      status text not null default 'open' check (status in ('open','claimed','resolved')),
      weight real not null default 0,
      flag_count int not null default 0,
      claimed_by_id uuid references users(id) on delete set null,
      claimed_at timestamptz,
      resolved_by_id uuid references users(id) on delete set null,
      resolved_at timestamptz,
      resolution text,
      resolution_reason text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );`);
    // At most one unresolved item per post: new flags add weight to it.
    this.addSql(`create unique index moderation_items_post_open_uidx on moderation_items(post_id) where status <> 'resolved';`);
    this.addSql(`create index moderation_items_queue_idx on moderation_items(status, weight desc, created_at);`);

    this.addSql(`create table moderation_audit (
      id uuid primary key,
      actor_id uuid references users(id) on delete set null,
      action text not null,
      target_type text not null,
      target_id uuid not null,
      before jsonb,
      after jsonb,
      reason text,
      created_at timestamptz not null default now()
    );`);
    this.addSql(`create index moderation_audit_created_idx on moderation_audit(created_at desc, id desc);`);
    this.addSql(`create index moderation_audit_target_idx on moderation_audit(target_id, created_at desc);`);

    this.addSql(`create table user_suspensions (
      id uuid primary key,
      user_id uuid not null references users(id) on delete cascade,
      until timestamptz not null,
      reason text not null,
      created_by_id uuid references users(id) on delete set null,
      lifted_at timestamptz,
      created_at timestamptz not null default now()
    );`);
    this.addSql(`create index user_suspensions_user_idx on user_suspensions(user_id, until desc);`);
  }
}
