import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { call } from '../../api/client';
import type { PersonHit } from '../../api/raw';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { errorText } from '../part2/errors';
import { Composer } from './Composer';
import { REACTIONS, type Post, type ThreadDetail } from './model';
import { PostAttachments } from '../attachments/mounts';

export interface PostActions {
  reply(p: Post): void;
  quote(p: Post): void;
  flag(p: Post): void;
  history(p: Post): void;
  changed(p: Post): void;
  accept(p: Post | null): void;
}

/**
 * One post: its text (or the hidden/deleted notice), reactions and the actions the viewer may
 * take. Moderators get hide/restore on others' posts only: never on their own.
 */
export function PostItem({
  post,
  quoted,
  thread,
  meId,
  moderator,
  canWrite,
  known,
  actions,
  isReply,
}: {
  post: Post;
  quoted?: Post;
  thread: ThreadDetail;
  meId: string;
  moderator: boolean;
  canWrite: boolean;
  known: PersonHit[];
  actions: PostActions;
  isReply?: boolean;
}) {
  const { t, formatDate } = useI18n();
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const [hideReason, setHideReason] = useState<string | null>(null);
  const [mine, setMine] = useState<Set<string>>(new Set());
  const own = !!post.author && post.author.id === meId;
  const isOpening = post.id === thread.firstPostId;
  const accepted = thread.acceptedPostId === post.id;

  const edit = useMutation({
    mutationFn: () => call<Post>('editPost', { params: { id: post.id }, body: { body: draft } }),
    onSuccess: (p) => {
      actions.changed(p);
      setEditing(false);
    },
  });
  const remove = useMutation({
    mutationFn: () => call('deletePost', { params: { id: post.id } }),
    onSuccess: () => actions.changed({ ...post, deleted: true, body: null, html: null }),
  });
  const react = useMutation({
    mutationFn: (emoji: string) => call<Post>(mine.has(emoji) ? 'unreact' : 'react', { params: { id: post.id, emoji } }),
    onSuccess: (p, emoji) => {
      setMine((s) => {
        const n = new Set(s);
        if (n.has(emoji)) n.delete(emoji);
        else n.add(emoji);
        return n;
      });
      actions.changed(p);
    },
  });
  const hide = useMutation({
    mutationFn: () => call<Post>('hidePost', { params: { id: post.id }, body: { reason: hideReason!.trim() } }),
    onSuccess: (p) => {
      setHideReason(null);
      actions.changed(p);
    },
  });
  const restore = useMutation({
    mutationFn: () => call<Post>('restorePost', { params: { id: post.id }, body: {} }),
    onSuccess: (p) => actions.changed(p),
  });
  const failure = edit.error ?? remove.error ?? react.error ?? hide.error ?? restore.error;

  if (post.deleted) {
    return (
      <article className="post post-gone" aria-label={t('disc.deleted')}>
        <p className="muted">{t('disc.deleted')}</p>
      </article>
    );
  }
  // The contract's hidden shape: no text, no author (others than moderators and the author).
  if (post.hidden && post.body === null) {
    return (
      <article className="post post-gone" aria-label={t('disc.hidden')}>
        <p className="muted">{t('disc.hidden')}</p>
      </article>
    );
  }

  const name = post.author?.name ?? '';
  return (
    <article className={`post${accepted ? ' post-accepted' : ''}${post.hidden ? ' post-hidden' : ''}`} aria-labelledby={`${id}-by`}>
      <header className="post-head">
        <strong id={`${id}-by`}>{name}</strong>
        {post.createdAt && (
          <time dateTime={post.createdAt} className="muted small">
            {formatDate(post.createdAt, true)}
          </time>
        )}
        {post.editedAt && (
          <button type="button" className="linklike small" onClick={() => actions.history(post)} disabled={!own && !moderator}>
            ({t('disc.edited')})
          </button>
        )}
        {isOpening && <span className="tag">{t('disc.openingPost')}</span>}
        {accepted && <span className="tag tag-ok">✓ {t('disc.acceptedAnswer')}</span>}
      </header>
      {post.hidden && (
        <div className="alert alert-warn" role="note">
          <p>{own && !moderator ? t('disc.hiddenOwn') : t('disc.hidden')}</p>
          {post.hiddenReason && (
            <p>
              <strong>{t('disc.hiddenReason', { reason: post.hiddenReason })}</strong>
            </p>
          )}
        </div>
      )}
      {quoted && (
        <blockquote className="quote">
          <p className="small muted">{t('disc.quoting', { name: quoted.author?.name ?? '…' })}</p>
          {quoted.html ? <div dangerouslySetInnerHTML={{ __html: quoted.html }} /> : <p className="muted">{t('disc.hidden')}</p>}
        </blockquote>
      )}
      {editing ? (
        <Composer
          value={draft}
          onChange={setDraft}
          onSubmit={() => edit.mutate()}
          submitLabel={t('disc.save')}
          busy={edit.isPending}
          known={known}
          label={t('disc.edit')}
          autoFocus
          onCancel={() => setEditing(false)}
        />
      ) : (
        <div className="prose post-body" dangerouslySetInnerHTML={{ __html: post.html ?? '' }} />
      )}
      {!post.hidden && (
        <div className="reactions" role="group" aria-label={t('disc.reactions')}>
          {REACTIONS.map((r) => {
            const n = post.reactions?.[r] ?? 0;
            if (!n && !canWrite) return null;
            return (
              <button
                key={r}
                type="button"
                className={`react${n ? '' : ' react-empty'}`}
                aria-pressed={mine.has(r)}
                disabled={!canWrite || react.isPending}
                onClick={() => react.mutate(r)}
              >
                {/* Words, not emoji: readable without an emoji font, and the visible text is the name. */}
                {t(`disc.reaction.${r}` as MessageKey)}
                {n > 0 && (
                  <>
                    {' '}
                    <span className="react-count">{n}</span>
                  </>
                )}
              </button>
            );
          })}
        </div>
      )}
      <div className="post-actions row wrap">
        {canWrite && !post.hidden && !isReply && (
          <button type="button" className="btn btn-small" onClick={() => actions.reply(post)}>
            {t('disc.reply')}
          </button>
        )}
        {canWrite && !post.hidden && (
          <button type="button" className="btn btn-small" onClick={() => actions.quote(post)}>
            {t('disc.quote')}
          </button>
        )}
        {own && !post.hidden && canWrite && (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              setDraft(post.body ?? '');
              setEditing(true);
            }}
          >
            {t('disc.edit')}
          </button>
        )}
        {own && (
          <button type="button" className="btn btn-small" onClick={() => window.confirm(t('disc.deleteConfirm')) && remove.mutate()}>
            {t('disc.delete')}
          </button>
        )}
        {(own || moderator) && post.editedAt && (
          <button type="button" className="btn btn-small btn-quiet" onClick={() => actions.history(post)}>
            {t('disc.history')}
          </button>
        )}
        {(thread.author.id === meId || moderator) && !isOpening && !post.hidden && (
          <button type="button" className="btn btn-small" onClick={() => actions.accept(accepted ? null : post)}>
            {accepted ? t('disc.unaccept') : t('disc.accept')}
          </button>
        )}
        {!own && !post.hidden && (
          <button type="button" className="btn btn-small btn-quiet" onClick={() => actions.flag(post)}>
            {t('disc.flag')}
          </button>
        )}
        {moderator && !own && !post.hidden && hideReason === null && (
          <button type="button" className="btn btn-small btn-danger" onClick={() => setHideReason('')}>
            {t('modr.hide')}
          </button>
        )}
        {moderator && !own && post.hidden && (
          <button type="button" className="btn btn-small" onClick={() => restore.mutate()} disabled={restore.isPending}>
            {t('modr.restore')}
          </button>
        )}
      </div>
      {hideReason !== null && (
        <form
          className="form form-inline mod-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (hideReason.trim()) hide.mutate();
          }}
        >
          <div className="field grow">
            <label htmlFor={`${id}-hide`}>{t('modr.reason')}</label>
            <input id={`${id}-hide`} value={hideReason} onChange={(e) => setHideReason(e.target.value)} required maxLength={1000} />
          </div>
          <button type="submit" className="btn btn-danger" disabled={!hideReason.trim() || hide.isPending}>
            {t('modr.hide')}
          </button>
          <button type="button" className="btn" onClick={() => setHideReason(null)}>
            {t('common.cancel')}
          </button>
        </form>
      )}
      <PostAttachments postId={post.id} authorId={post.author?.id} />
      {failure && (
        <p role="alert" className="alert alert-error">
          {errorText(failure)}
        </p>
      )}
    </article>
  );
}
