import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { Dialog } from '../part2/Dialog';
import { ErrorBox, Loading } from '../States';

interface Edit {
  id: string;
  body: string;
  editedAt: string;
}

/** Riwayat suntingan: the earlier sources of a post (its author and moderators may read them). */
export function HistoryDialog({ postId, onClose }: { postId: string | null; onClose(): void }) {
  const { t, formatDate } = useI18n();
  const q = useQuery({
    queryKey: ['postHistory', postId],
    queryFn: () => call<{ items: Edit[] }>('postHistory', { params: { id: postId! } }),
    enabled: !!postId,
  });
  return (
    <Dialog title={t('disc.history')} open={!!postId} onClose={onClose}>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorBox error={q.error} />
      ) : q.data.items.length === 0 ? (
        <p className="muted">{t('disc.historyEmpty')}</p>
      ) : (
        <ol className="list">
          {q.data.items.map((e) => (
            <li key={e.id}>
              <p className="muted small">{t('disc.historyItem', { when: formatDate(e.editedAt, true) })}</p>
              <pre className="source">{e.body}</pre>
            </li>
          ))}
        </ol>
      )}
    </Dialog>
  );
}
