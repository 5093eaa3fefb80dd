import { ApiError, freshAccessToken, refreshSession } from './client';

/**
 * Sends one file as multipart field `file`, signed in, reporting upload progress (fetch cannot).
 * Retries once after a refresh on 401; errors arrive as ApiError with the server's code
 * (413 ATTACHMENT_TOO_LARGE, 415 ATTACHMENT_TYPE_NOT_ALLOWED, …).
 */
export async function uploadFile<T>(method: 'POST' | 'PUT', url: string, file: File, onProgress?: (fraction: number) => void): Promise<T> {
  const send = (token: string | null) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(method, url);
      if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress?.(e.loaded / e.total);
      };
      xhr.onload = () => resolve({ status: xhr.status, body: xhr.responseText });
      xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', 'Network error'));
      const form = new FormData();
      form.append('file', file, file.name);
      xhr.send(form);
    });
  let res = await send(await freshAccessToken());
  if (res.status === 401) {
    const renewed = await refreshSession();
    if (renewed) res = await send(renewed.accessToken);
  }
  const body = (() => {
    try {
      return JSON.parse(res.body) as unknown;
    } catch {
      return null;
    }
  })();
  if (res.status < 200 || res.status >= 300) {
    const b = body as { code?: string; message?: string; details?: unknown } | null;
    throw new ApiError(res.status, b?.code ?? 'HTTP_' + res.status, b?.message ?? `HTTP ${res.status}`, b?.details);
  }
  onProgress?.(1);
  return body as T;
}
