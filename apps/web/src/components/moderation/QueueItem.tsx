import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { call } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import type { Post } from '../discussion/model';
import { errorText } from '../part2/errors';
import { Suspensions } from './Suspensions';

export interface QueueEntry {
  id: string;
  postId: string;
  threadId: string;
  status: 'open' | 'claimed' | 'resolved';
  weight: number;
  flagCount: number;
  claimedBy: string | null;
  /** Names (newer servers): the claimer and the thread. */
  claimer?: { id: string; name: string } | null;
  thread?: { id: string; title: string };
  resolution: string | null;
  resolutionReason: string | null;
  createdAt: string;
  post: Post;
  flags: { userId: string; reason: string; note: string | null; weight: number; createdAt: string }[];
}

/**
 * One report in the queue: the post, its flags, and claim → hide with a reason / dismiss, or
 * release. A moderator's own post shows a note instead of actions.
 */
export function QueueItem({ item, meId }: { item: QueueEntry; meId: string }) {
  const { t, formatDate } = useI18n();
  const qc = useQueryClient();
  const id = useId();
  const [reason, setReason] = useState('');
  const [showSuspend, setShowSuspend] = useState(false);
  const own = item.post.author?.id === meId;
  const mine = item.status === 'claimed' && item.claimedBy === meId;
  const done = () => void qc.invalidateQueries({ queryKey: ['modQueue'] });
  const act = useMutation({
    mutationFn: (op: 'claim' | 'release' | 'hide' | 'dismiss') =>
      op === 'claim'
        ? call('modClaim', { params: { id: item.id }, body: {} })
        : op === 'release'
          ? call('modRelease', { params: { id: item.id }, body: {} })
          : call('modResolve', { params: { id: item.id }, body: reason.trim() ? { action: op, reason: reason.trim() } : { action: op } }),
    onSuccess: done,
  });
  const author = item.post.author;
  return (
    <li className="card queue-item" aria-labelledby={`${id}-h`}>
      <div className="row-between">
        <h3 id={`${id}-h`} className="small-heading">
          {author?.name ?? '—'} · {t('modr.weight', { weight: item.weight })} · {t('modr.flags', { count: item.flagCount })}
        </h3>
        <span className={`stage stage-${item.status === 'resolved' ? 'good' : item.status === 'claimed' ? 'warn' : 'neutral'}`}>
          {t(`modr.status.${item.status}` as MessageKey)}
        </span>
      </div>
      <div className="post">
        {item.post.hidden && item.post.hiddenReason && (
          <p className="alert alert-warn">{t('disc.hiddenMod', { reason: item.post.hiddenReason })}</p>
        )}
        <div className="prose post-body" dangerouslySetInnerHTML={{ __html: item.post.html ?? '' }} />
        {item.post.createdAt && <p className="muted small">{formatDate(item.post.createdAt, true)}</p>}
      </div>
      <ul className="flags small">
        {item.flags.map((f, i) => (
          <li key={i}>
            {t(`disc.reason.${f.reason}` as MessageKey)} · {formatDate(f.createdAt, true)}
            {f.note && <> — {t('modr.flagNote', { note: f.note })}</>}
          </li>
        ))}
      </ul>
      <p>
        <Link to={`/diskusi/${item.threadId}`}>
          {item.thread?.title ? `${t('modr.openThread')}: ${item.thread.title}` : t('modr.openThread')}
        </Link>
      </p>
      {own ? (
        <p className="alert alert-info">{t('modr.own')}</p>
      ) : item.status === 'resolved' ? (
        item.resolutionReason && <p className="muted">{item.resolutionReason}</p>
      ) : (
        <>
          {item.status === 'claimed' && !mine && (
            <p className="muted">{t('modr.claimedBy', { name: item.claimer?.name ?? item.claimedBy ?? '' })}</p>
          )}
          {mine && <p className="muted">{t('modr.claimedByMe')}</p>}
          {mine ? (
            <form
              className="form"
              onSubmit={(e) => {
                e.preventDefault();
                if (reason.trim()) act.mutate('hide');
              }}
            >
              <div className="field">
                <label htmlFor={`${id}-reason`}>{t('modr.reason')}</label>
                <input id={`${id}-reason`} value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
              </div>
              <div className="row wrap">
                <button type="submit" className="btn btn-danger" disabled={!reason.trim() || act.isPending}>
                  {t('modr.resolveHide')}
                </button>
                <button type="button" className="btn" disabled={act.isPending} onClick={() => act.mutate('dismiss')}>
                  {t('modr.resolveDismiss')}
                </button>
                <button type="button" className="btn btn-quiet" disabled={act.isPending} onClick={() => act.mutate('release')}>
                  {t('modr.release')}
                </button>
              </div>
            </form>
          ) : (
            <button type="button" className="btn btn-primary" disabled={act.isPending} onClick={() => act.mutate('claim')}>
              {t('modr.claim')}
            </button>
          )}
        </>
      )}
      {!own && author && (
        <details open={showSuspend} onToggle={(e) => setShowSuspend((e.target as HTMLDetailsElement).open)}>
          <summary>{t('modr.suspensionsOf', { name: author.name })}</summary>
          {showSuspend && <Suspensions userId={author.id} name={author.name} />}
        </details>
      )}
      {act.error && (
        <p role="alert" className="alert alert-error">
          {errorText(act.error)}
        </p>
      )}
    </li>
  );
}
