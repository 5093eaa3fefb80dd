import { iso } from '@app/common';
import type { PostResponse, ThreadResponse } from './discussions.responses';

/** Rows as read from SQL, and the JSON views the API and socket events send. */

export interface ThreadRow {
  id: string;
  innovation_id: string | null;
  replication_id: string | null;
  title: string;
  author_id: string;
  author_name: string;
  locked: boolean;
  pinned: boolean;
  slow_mode_seconds: number;
  accepted_post_id: string | null;
  post_count: number;
  last_post_at: Date;
  created_at: Date;
  updated_at: Date;
  first_post_id: string | null;
}

export interface PostRow {
  id: string;
  thread_id: string;
  parent_id: string | null;
  quote_post_id: string | null;
  author_id: string;
  author_name: string;
  body: string;
  html: string;
  hidden: boolean;
  hidden_reason: string | null;
  deleted_at: Date | null;
  edited_at: Date | null;
  created_at: Date;
  reactions: Record<string, number> | null;
}

/** Selects a ThreadRow from `threads t`. */
export const THREAD_SELECT = `select t.id, t.innovation_id, t.replication_id, t.title, t.author_id, u.name as author_name,
  t.locked, t.pinned, t.slow_mode_seconds, t.accepted_post_id, t.post_count, t.last_post_at, t.created_at, t.updated_at,
  (select p.id from posts p where p.thread_id = t.id order by p.created_at, p.id limit 1) as first_post_id
  from threads t join users u on u.id = t.author_id`;

/** Selects a PostRow from `posts p`. */
export const POST_SELECT = `select p.id, p.thread_id, p.parent_id, p.quote_post_id, p.author_id, u.name as author_name, p.body, p.html,
  p.hidden, p.hidden_reason, p.deleted_at, p.edited_at, p.created_at,
  (select jsonb_object_agg(emoji, n) from (select emoji, count(*)::int as n from post_reactions r where r.post_id = p.id group by emoji) x) as reactions
  from posts p join users u on u.id = p.author_id`;

export function threadView(t: ThreadRow): ThreadResponse {
  return {
    id: t.id,
    title: t.title,
    innovationId: t.innovation_id,
    replicationId: t.replication_id,
    author: { id: t.author_id, name: t.author_name },
    locked: t.locked,
    pinned: t.pinned,
    slowModeSeconds: t.slow_mode_seconds,
    answered: !!t.accepted_post_id,
    acceptedPostId: t.accepted_post_id,
    postCount: t.post_count,
    firstPostId: t.first_post_id,
    lastPostAt: iso(t.last_post_at),
    createdAt: iso(t.created_at),
    updatedAt: iso(t.updated_at),
  };
}
export type ThreadView = ThreadResponse;

/** What a hidden post is to everyone but moderators (contract shape, nothing more). */
export const hiddenPostView = (id: string) => ({ id, hidden: true as const, body: null, html: null });

/**
 * A post as `moderator` or not sees it. Deleted posts keep their place (replies hang off them)
 * but lose body and author; hidden posts read as the contract's hidden shape to everyone but
 * moderators and their own author (`viewerId`), who gets the text and the reason to fix it.
 */
export function postView(p: PostRow, moderator: boolean, viewerId?: string): PostResponse {
  if (p.deleted_at) {
    return {
      id: p.id,
      threadId: p.thread_id,
      parentId: p.parent_id,
      deleted: true as const,
      hidden: p.hidden,
      body: null,
      html: null,
      author: null,
      createdAt: iso(p.created_at),
    };
  }
  if (p.hidden && !moderator && viewerId !== p.author_id) return hiddenPostView(p.id);
  return {
    id: p.id,
    threadId: p.thread_id,
    parentId: p.parent_id,
    quotePostId: p.quote_post_id,
    body: p.body,
    html: p.html,
    author: { id: p.author_id, name: p.author_name },
    createdAt: iso(p.created_at),
    editedAt: iso(p.edited_at),
    hidden: p.hidden,
    ...(p.hidden ? { hiddenReason: p.hidden_reason } : {}),
    reactions: p.reactions ?? {},
  };
}
export type PostView = PostResponse;
