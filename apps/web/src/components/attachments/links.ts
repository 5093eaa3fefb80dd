import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/client';

/** `/api/attachments/:id` (optionally absolute, with a suffix or query): the attachment's id. */
const ATTACHMENT_SRC = /^(?:https?:\/\/[^/\s]+)?\/api\/attachments\/([0-9a-f-]{36})(?:[/?].*)?$/i;

export const attachmentIdOf = (src: string | null | undefined): string | null => (src ? (ATTACHMENT_SRC.exec(src)?.[1] ?? null) : null);

interface Link {
  url: string;
  expiresAt: string;
}

const cache = new Map<string, Promise<Link>>();

/**
 * A signed download URL for an attachment (an `<img src>` cannot send the bearer token). The
 * server signs it for five minutes; it is reused until a minute before that and then renewed.
 */
export function signedUrl(id: string): Promise<string> {
  const hit = cache.get(id);
  const fresh = (l: Link) => Date.parse(l.expiresAt) - Date.now() > 60_000;
  const next = (async () => {
    const old = hit && (await hit.catch(() => null));
    if (old && fresh(old)) return old;
    return call<Link>('attachmentLink', { params: { id } });
  })();
  cache.set(id, next);
  next.catch(() => cache.delete(id));
  return next.then((l) => l.url);
}

/** React form of signedUrl: the URL once known, renewed while the component stays mounted. */
export function useSignedUrl(id: string | null | undefined) {
  return useQuery({
    queryKey: ['attachmentLink', id],
    queryFn: () => signedUrl(id!),
    enabled: !!id,
    staleTime: 180_000,
    refetchInterval: 180_000,
  });
}
