import { iso } from '@app/common';
import type { PostResponse, ThreadResponse } from './discussions.responses';
import type { PostRecord } from './posts.repository';
import type { ThreadRecord } from './threads.repository';

/** The JSON views the API and socket events send, from the repositories' records. */

export function threadView(t: ThreadRecord): ThreadResponse {
  return {
    id: t.id,
    title: t.title,
    innovationId: t.innovationId,
    replicationId: t.replicationId,
    author: { id: t.authorId, name: t.authorName },
    locked: t.locked,
    pinned: t.pinned,
    slowModeSeconds: t.slowModeSeconds,
    answered: !!t.acceptedPostId,
    acceptedPostId: t.acceptedPostId,
    postCount: t.postCount,
    firstPostId: t.firstPostId,
    lastPostAt: iso(t.lastPostAt),
    createdAt: iso(t.createdAt),
    updatedAt: iso(t.updatedAt),
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
export function postView(p: PostRecord, moderator: boolean, viewerId?: string): PostResponse {
  if (p.deletedAt) {
    return {
      id: p.id,
      threadId: p.threadId,
      parentId: p.parentId,
      deleted: true as const,
      hidden: p.hidden,
      body: null,
      html: null,
      author: null,
      createdAt: iso(p.createdAt),
    };
  }
  if (p.hidden && !moderator && viewerId !== p.authorId) return hiddenPostView(p.id);
  return {
    id: p.id,
    threadId: p.threadId,
    parentId: p.parentId,
    quotePostId: p.quotePostId,
    body: p.body,
    html: p.html,
    author: { id: p.authorId, name: p.authorName },
    createdAt: iso(p.createdAt),
    editedAt: iso(p.editedAt),
    hidden: p.hidden,
    ...(p.hidden ? { hiddenReason: p.hiddenReason } : {}),
    reactions: p.reactions,
  };
}
export type PostView = PostResponse;
