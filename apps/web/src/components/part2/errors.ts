import { ApiError } from '../../api/client';

/** A readable line for a failed mutation: the server's message, field details when given. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    const details = Array.isArray(e.details)
      ? (e.details as { field?: string; message?: string }[])
          .map((d) => [d.field, d.message].filter(Boolean).join(': '))
          .filter(Boolean)
          .join('; ')
      : '';
    return details ? `${e.message} (${details})` : e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

/** A list endpoint's items, whether it answers an array or a page `{items, total}`. */
export const pageItems = <T>(d: T[] | { items: T[] }): T[] => (Array.isArray(d) ? d : d.items);
