import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { call } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { errorText } from '../part2/errors';
import type { MentorshipDetail } from './model';

/** Umpan balik: given feedback, and after completion a 1–5 rating with an optional comment. */
export function Feedback({ m, canGive, onChanged }: { m: MentorshipDetail; canGive: boolean; onChanged(): void }) {
  const { t, formatDate } = useI18n();
  const id = useId();
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const send = useMutation({
    mutationFn: () => call('feedback', { params: { id: m.id }, body: comment.trim() ? { rating, comment: comment.trim() } : { rating } }),
    onSuccess: onChanged,
  });
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('ment.feedback')}</h2>
      {m.feedback.length > 0 && (
        <ul className="list">
          {m.feedback.map((f) => (
            <li key={f.id}>
              <strong>
                {'★'.repeat(f.rating)}
                {'☆'.repeat(5 - f.rating)}
              </strong>{' '}
              <span className="sr-only">{t('ment.stars', { n: f.rating })}</span>{' '}
              {t('ment.feedbackItem', { rating: f.rating, side: t(`ment.side.${f.side}` as MessageKey) })}
              {f.comment && <p>{f.comment}</p>}
              <p className="muted small">{formatDate(f.createdAt)}</p>
            </li>
          ))}
        </ul>
      )}
      {m.state !== 'COMPLETED' ? (
        <p className="muted">{t('ment.feedbackAfter')}</p>
      ) : canGive && !send.isSuccess ? (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            if (rating) send.mutate();
          }}
        >
          <fieldset className="stars">
            <legend>{t('ment.rating')}</legend>
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n}>
                <input type="radio" name={`${id}-rating`} value={n} checked={rating === n} onChange={() => setRating(n)} />
                {t('ment.stars', { n })}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-comment`}>{t('ment.comment')}</label>
            <textarea id={`${id}-comment`} rows={3} value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} />
          </div>
          <div>
            <button type="submit" className="btn btn-primary" disabled={!rating || send.isPending}>
              {t('ment.sendFeedback')}
            </button>
          </div>
          {send.error && (
            <p role="alert" className="alert alert-error">
              {errorText(send.error)}
            </p>
          )}
        </form>
      ) : (
        send.isSuccess && (
          <p role="status" className="alert alert-success">
            {t('ment.feedbackThanks')}
          </p>
        )
      )}
    </section>
  );
}
