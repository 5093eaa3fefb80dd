/**
 * ISO-8601 UTC (`2026-12-01T07:03:29.864Z`) from a Date or from PostgreSQL's text form
 * (`2026-12-01 07:03:29.864811+00`, what raw `execute` rows carry); null stays null.
 */
export function iso(value: Date | string): string;
export function iso(value: Date | string | null | undefined): string | null;
export function iso(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/**
 * Runs `job` every `ms` for the life of the process without keeping it alive (unref'd); a
 * failing run is logged and the next one comes as usual. Returns the function that stops it.
 * The background jobs (reminders, digests, campaigns) claim their work in SQL, so overlapping
 * runs on several nodes are safe.
 */
export function every(ms: number, job: () => Promise<unknown>, onError: (error: Error) => void): () => void {
  const timer = setInterval(() => void job().catch(onError), ms);
  timer.unref();
  return () => clearInterval(timer);
}
