import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, call } from '../api/client';
import type { PersonHit } from '../api/raw';
import { useAuth } from '../auth/session';
import { FlagDialog } from '../components/discussion/FlagDialog';
import { HistoryDialog } from '../components/discussion/HistoryDialog';
import { useLiveThread, useMySuspension, threadKey, type Post, type ThreadDetail } from '../components/discussion/model';
import { Composer } from '../components/discussion/Composer';
import { PostItem, type PostActions } from '../components/discussion/PostItem';
import { ThreadModTools } from '../components/discussion/ThreadModTools';
import { ThreadState } from '../components/discussion/ThreadState';
import '../components/part2/part2.css';
import { errorText } from '../components/part2/errors';
import { hasRole } from '../components/part2/Guard';
import { useNow } from '../components/part2/time';
import { ErrorBox, Loading } from '../components/States';
import { useTitle } from '../components/useTitle';
import { useI18n } from '../i18n/i18n';
import { useRealtimeEvent } from '../realtime/realtime';

/**
 * Diskusi (/diskusi/:threadId): the opening post, replies one level deep, quotes, reactions,
 * the accepted answer, follow, and a Markdown reply box; live over socket.io. Why one cannot
 * post (locked, slow mode, suspended) is said in place of the box.
 */
export function ThreadPage() {
  const { threadId } = useParams();
  const { t } = useI18n();
  const { me } = useAuth();
  const qc = useQueryClient();
  const [announce, setAnnounce] = useState('');
  const { thread, posts, setPost } = useLiveThread(
    threadId,
    (p) => p.author && p.author.id !== me?.id && setAnnounce(t('disc.newPostAnnounce', { name: p.author.name })),
  );
  const suspension = useMySuspension(me?.id);
  useRealtimeEvent<{ type: string }>('notification', (n) => {
    if (n.type.startsWith('account_') || n.type.startsWith('suspension')) void qc.invalidateQueries({ queryKey: ['suspensions', me?.id] });
  });
  const [body, setBody] = useState('');
  const [replyTo, setReplyTo] = useState<Post | null>(null);
  const [quote, setQuote] = useState<Post | null>(null);
  const [flagging, setFlagging] = useState<string | null>(null);
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const [slowUntil, setSlowUntil] = useState<number | null>(null);
  useTitle(thread.data?.title ?? t('thread.title'));
  const now = useNow(1000, !!slowUntil);
  const moderator = hasRole(me?.roles, 'moderator', 'admin');

  const setThread = (next: Partial<ThreadDetail>) =>
    qc.setQueryData<ThreadDetail>(threadKey(threadId!), (old) => (old ? { ...old, ...next } : old));
  const send = useMutation({
    mutationFn: () =>
      call<Post>('createPost', {
        params: { id: threadId! },
        body: { body, ...(replyTo ? { parentId: replyTo.id } : {}), ...(quote ? { quotePostId: quote.id } : {}) },
      }),
    onSuccess: (p) => {
      setPost(p);
      setBody('');
      setReplyTo(null);
      setQuote(null);
      if (thread.data?.slowModeSeconds) setSlowUntil(Date.now() + thread.data.slowModeSeconds * 1000);
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'SLOW_MODE') {
        const wait =
          (e.details as { retryAfterSeconds?: number }[] | undefined)?.[0]?.retryAfterSeconds ?? thread.data?.slowModeSeconds ?? 0;
        setSlowUntil(Date.now() + wait * 1000);
      }
      if (e instanceof ApiError && e.code === 'USER_SUSPENDED') void suspension.refetch();
      if (e instanceof ApiError && e.code === 'THREAD_LOCKED') void thread.refetch();
    },
  });
  const follow = useMutation({
    mutationFn: (on: boolean) => call(on ? 'followThread' : 'unfollowThread', { params: { id: threadId! } }),
    onSuccess: (_r, on) => setThread({ following: on }),
  });
  const accept = useMutation({
    mutationFn: (p: Post | null) =>
      p
        ? call<ThreadDetail>('acceptAnswer', { params: { id: threadId! }, body: { postId: p.id } })
        : call<ThreadDetail>('clearAnswer', { params: { id: threadId! } }),
    onSuccess: (r, p) => setThread(r && typeof r === 'object' && 'id' in r ? r : { acceptedPostId: p?.id ?? null, answered: !!p }),
  });

  const list = useMemo(() => posts.data ?? [], [posts.data]);
  const byId = useMemo(() => new Map(list.map((p) => [p.id, p])), [list]);
  const known = useMemo<PersonHit[]>(() => {
    const m = new Map<string, PersonHit>();
    for (const p of list) if (p.author && p.author.id !== me?.id) m.set(p.author.id, { id: p.author.id, name: p.author.name });
    return [...m.values()];
  }, [list, me?.id]);

  if (thread.isPending)
    return (
      <div className="page">
        <Loading />
      </div>
    );
  if (thread.error)
    return (
      <div className="page">
        <ErrorBox error={thread.error} />
      </div>
    );
  const th = thread.data;
  const suspended = !!suspension.data && Date.parse(suspension.data.until) > now;
  const slowLeft = slowUntil && slowUntil > now ? slowUntil - now : 0;
  const canWrite = !suspended && (!th.locked || moderator);
  const top = list.filter((p) => !p.parentId || !byId.has(p.parentId));
  const repliesOf = (id: string) => list.filter((p) => p.parentId === id);
  const actions: PostActions = {
    reply: (p) => {
      setReplyTo(p);
      setQuote(null);
      document.getElementById('balas')?.focus();
    },
    quote: (p) => {
      setQuote(p);
      document.getElementById('balas')?.focus();
    },
    flag: (p) => setFlagging(p.id),
    history: (p) => setHistoryOf(p.id),
    changed: (p) => setPost(p),
    accept: (p) => accept.mutate(p),
  };
  const back = th.replicationId ? `/replikasi/${th.replicationId}` : th.innovationId ? `/inovasi/${th.innovationId}` : '/';
  const item = (p: Post, isReply = false) => (
    <PostItem
      key={p.id}
      post={p}
      quoted={p.quotePostId ? byId.get(p.quotePostId) : undefined}
      thread={th}
      meId={me?.id ?? ''}
      moderator={moderator}
      canWrite={canWrite}
      known={known}
      actions={actions}
      isReply={isReply}
    />
  );

  return (
    <div className="page thread-page">
      <p className="crumbs">
        <Link to={back}>{t('common.back')}</Link>
      </p>
      <div className="row-between">
        <h1>{th.title}</h1>
        <button
          type="button"
          className="btn"
          aria-pressed={!!th.following}
          onClick={() => follow.mutate(!th.following)}
          disabled={follow.isPending}
        >
          {th.following ? t('disc.unfollow') : t('disc.follow')}
        </button>
      </div>
      <p className="row wrap">
        {th.pinned && <span className="tag">📌 {t('disc.pinned')}</span>}
        {th.locked && <span className="tag tag-award">🔒 {t('disc.locked')}</span>}
        {th.answered && <span className="tag tag-ok">✓ {t('disc.answered')}</span>}
        <span className="muted small">{t('disc.by', { name: th.author.name })}</span>
        <span className="muted small">{t('disc.posts', { count: th.postCount })}</span>
      </p>
      <p className="sr-only" aria-live="polite">
        {announce}
      </p>
      {moderator && th.author.id !== me?.id && <ThreadModTools thread={th} onChanged={(n) => setThread(n)} />}
      {posts.isPending ? (
        <Loading />
      ) : posts.error ? (
        <ErrorBox error={posts.error} />
      ) : (
        <section aria-label={t('disc.postsHeading')}>
          <ol className="posts">
            {top.map((p) => {
              const replies = repliesOf(p.id);
              return (
                <li key={p.id}>
                  {item(p)}
                  {replies.length > 0 && (
                    <ol className="replies" aria-label={t('disc.replies', { name: p.author?.name ?? '' })}>
                      {replies.map((r) => (
                        <li key={r.id}>{item(r, true)}</li>
                      ))}
                    </ol>
                  )}
                </li>
              );
            })}
          </ol>
          <p className="muted small">{t('disc.live')}</p>
        </section>
      )}
      <section className="card" aria-labelledby="compose-h">
        <h2 id="compose-h">{t('disc.compose')}</h2>
        <ThreadState thread={th} suspension={suspension.data} slowUntil={slowLeft ? slowUntil : null} />
        {(replyTo || quote) && (
          <p className="row wrap">
            {replyTo && <span className="tag">{t('disc.replyingTo', { name: replyTo.author?.name ?? '' })}</span>}
            {quote && <span className="tag">{t('disc.quoting', { name: quote.author?.name ?? '' })}</span>}
            <button
              type="button"
              className="linklike"
              onClick={() => {
                setReplyTo(null);
                setQuote(null);
              }}
            >
              {t('disc.cancelReply')}
            </button>
          </p>
        )}
        {canWrite && (
          <Composer
            textareaId="balas"
            value={body}
            onChange={setBody}
            onSubmit={() => send.mutate()}
            busy={send.isPending}
            disabled={slowLeft > 0}
            known={known}
            label={t('disc.editorLabel')}
            submitLabel={t('disc.send')}
          />
        )}
        {send.error && !(send.error instanceof ApiError && send.error.code === 'SLOW_MODE') && (
          <p role="alert" className="alert alert-error">
            {send.error instanceof ApiError && send.error.code === 'RATE_LIMITED' ? t('disc.rateLimited') : errorText(send.error)}
          </p>
        )}
      </section>
      <FlagDialog postId={flagging} onClose={() => setFlagging(null)} />
      <HistoryDialog postId={historyOf} onClose={() => setHistoryOf(null)} />
    </div>
  );
}
