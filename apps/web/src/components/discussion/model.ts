import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { call } from '../../api/client';
import { useRealtimeEvent, useRealtimeSocket } from '../../realtime/realtime';

export const REACTIONS = ['+1', '-1', 'heart', 'laugh', 'hooray', 'confused', 'eyes', 'rocket'] as const;
export type ReactionKey = (typeof REACTIONS)[number];
export const REACTION_EMOJI: Record<ReactionKey, string> = {
  '+1': '👍',
  '-1': '👎',
  heart: '❤️',
  laugh: '😄',
  hooray: '🎉',
  confused: '😕',
  eyes: '👀',
  rocket: '🚀',
};
export const FLAG_REASONS = ['spam', 'abuse', 'off_topic', 'other'] as const;

/** A post as the API gives it: full, deleted, or (to others than moderators and its author) hidden. */
export interface Post {
  id: string;
  threadId?: string;
  parentId?: string | null;
  quotePostId?: string | null;
  body: string | null;
  html: string | null;
  author?: { id: string; name: string } | null;
  createdAt?: string;
  editedAt?: string | null;
  hidden?: boolean;
  hiddenReason?: string | null;
  deleted?: boolean;
  reactions?: Record<string, number>;
}

export interface ThreadDetail {
  id: string;
  title: string;
  innovationId: string | null;
  replicationId: string | null;
  author: { id: string; name: string };
  locked: boolean;
  pinned: boolean;
  slowModeSeconds: number;
  answered: boolean;
  acceptedPostId: string | null;
  postCount: number;
  firstPostId: string | null;
  lastPostAt: string;
  createdAt: string;
  following?: boolean;
}

interface PostPage {
  items: Post[];
  nextCursor: string | null;
}

export const threadKey = (id: string) => ['thread', id] as const;
export const postsKey = (id: string) => ['posts', id] as const;

/** Every post of the thread, in order (pages of 100 until the cursor ends, at most 1,000). */
async function loadPosts(threadId: string): Promise<Post[]> {
  const out: Post[] = [];
  let after: string | null = null;
  for (let i = 0; i < 10; i++) {
    const page: PostPage = await call<PostPage>('posts', { params: { id: threadId }, query: { limit: 100, after } });
    out.push(...page.items);
    if (!page.nextCursor) break;
    after = page.nextCursor;
  }
  return out;
}

/** Replaces a post in place, keeping what the hidden shape leaves out (its place in the tree). */
function merge(list: Post[], next: Post): Post[] {
  const i = list.findIndex((p) => p.id === next.id);
  if (i < 0) return [...list, next];
  const prev = list[i];
  const keep = { parentId: prev.parentId, createdAt: prev.createdAt, threadId: prev.threadId };
  return list.map((p, j) => (j === i ? { ...keep, ...next } : p));
}

/**
 * The thread and its posts, kept live: subscribes to the thread over socket.io (again after each
 * reconnect, then re-reads the posts to fill any gap) and folds the events into the cache.
 */
export function useLiveThread(threadId: string | undefined, onNewPost?: (p: Post) => void) {
  const qc = useQueryClient();
  const socket = useRealtimeSocket();
  const thread = useQuery({
    queryKey: threadKey(threadId ?? ''),
    queryFn: () => call<ThreadDetail>('thread', { params: { id: threadId! } }),
    enabled: !!threadId,
  });
  const posts = useQuery({
    queryKey: postsKey(threadId ?? ''),
    queryFn: () => loadPosts(threadId!),
    enabled: !!threadId && thread.isSuccess,
  });

  useEffect(() => {
    if (!socket || !threadId) return;
    let first = true;
    const subscribe = () => {
      socket.emit('thread:subscribe', { threadId });
      if (!first) void qc.invalidateQueries({ queryKey: postsKey(threadId) });
      first = false;
    };
    if (socket.connected) subscribe();
    socket.on('connect', subscribe);
    return () => {
      socket.off('connect', subscribe);
      socket.emit('thread:unsubscribe', { threadId });
    };
  }, [socket, threadId, qc]);

  const update = (fn: (list: Post[]) => Post[]) => qc.setQueryData<Post[]>(postsKey(threadId ?? ''), (old) => (old ? fn(old) : old));
  useRealtimeEvent<{ threadId: string; post: Post }>('post:created', (e) => {
    if (e.threadId !== threadId) return;
    update((l) => merge(l, e.post));
    onNewPost?.(e.post);
  });
  useRealtimeEvent<{ threadId: string; post: Post }>('post:updated', (e) => e.threadId === threadId && update((l) => merge(l, e.post)));
  useRealtimeEvent<{ threadId: string; post: Post }>('post:restored', (e) => e.threadId === threadId && update((l) => merge(l, e.post)));
  useRealtimeEvent<{ threadId: string; postId: string; post?: Post }>('post:hidden', (e) => {
    if (e.threadId !== threadId) return;
    update((l) => merge(l, e.post ?? { id: e.postId, hidden: true, body: null, html: null }));
  });
  useRealtimeEvent<{ thread: ThreadDetail }>('thread:updated', (e) => {
    if (e.thread.id !== threadId) return;
    qc.setQueryData<ThreadDetail>(threadKey(threadId), (old) => (old ? { ...old, ...e.thread } : e.thread));
  });

  return { thread, posts, setPost: (p: Post) => update((l) => merge(l, p)) };
}

export interface Suspension {
  id: string;
  userId: string;
  until: string;
  reason: string;
  active: boolean;
  createdAt: string;
  liftedAt: string | null;
  liftReason?: string | null;
}

/** The signed-in user's active suspension, if any (they may read their own). */
export function useMySuspension(userId: string | undefined) {
  return useQuery({
    queryKey: ['suspensions', userId],
    enabled: !!userId,
    queryFn: async () => {
      const list = await call<{ items: Suspension[] }>('suspensions', { params: { id: userId! } });
      return list.items.find((s) => s.active && Date.parse(s.until) > Date.now()) ?? null;
    },
  });
}
