import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../part2/errors';

/** Follow / stop following an innovation (new threads on it are then notified). */
export function FollowButton({ innovationId }: { innovationId: string }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: ['followedInnovations'],
    queryFn: () => call<{ items: { id: string; title: string }[] }>('followedInnovations'),
  });
  const following = !!list.data?.items.some((i) => i.id === innovationId);
  const toggle = useMutation({
    mutationFn: () => call(following ? 'unfollowInnovation' : 'followInnovation', { params: { id: innovationId } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['followedInnovations'] }),
  });
  if (!list.isSuccess) return null;
  return (
    <p className="row">
      <button type="button" className="btn btn-small" aria-pressed={following} disabled={toggle.isPending} onClick={() => toggle.mutate()}>
        {t('ns.follow')}
      </button>
      {toggle.error && (
        <span role="alert" className="alert alert-error small">
          {errorText(toggle.error)}
        </span>
      )}
    </p>
  );
}
