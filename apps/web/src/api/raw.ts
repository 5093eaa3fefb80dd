import { ApiError, freshAccessToken, refreshSession } from './client';

/**
 * Signed-in requests that the JSON `call()` does not cover: a raw file body (import), a
 * download (`.ics`, report), and endpoints another part of the server may not have yet.
 */
export async function rawFetch(method: string, url: string, init: { body?: BodyInit; contentType?: string } = {}): Promise<Response> {
  const send = (token: string | null) =>
    fetch(url, {
      method,
      headers: {
        ...(init.contentType ? { 'content-type': init.contentType } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: init.body,
    });
  let res = await send(await freshAccessToken());
  if (res.status === 401) {
    const renewed = await refreshSession();
    if (renewed) res = await send(renewed.accessToken);
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { code?: string; message?: string; details?: unknown } | null;
    throw new ApiError(res.status, body?.code ?? 'HTTP_' + res.status, body?.message ?? res.statusText, body?.details);
  }
  return res;
}

/** Saves a response body as a file in the browser (a blob URL clicked once). */
export async function saveResponse(res: Response, fallbackName: string): Promise<void> {
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? fallbackName;
  saveBlob(await res.blob(), name);
}

export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface PersonHit {
  id: string;
  name: string;
  /** Platform roles, present for admins only. */
  roles?: string[];
  units?: { id: string; name: string; agencyName?: string }[];
}

/**
 * People search (`GET /api/users?q=`). Null when this server has no such endpoint yet (404/405),
 * so callers fall back to the people they already know (e.g. a thread's participants).
 */
export async function searchPeople(q: string): Promise<PersonHit[] | null> {
  try {
    const res = await rawFetch('GET', `/api/users?q=${encodeURIComponent(q)}`);
    const body = (await res.json()) as { items?: PersonHit[] } | PersonHit[];
    return Array.isArray(body) ? body : (body.items ?? []);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405 || e.status === 400)) return null;
    throw e;
  }
}
