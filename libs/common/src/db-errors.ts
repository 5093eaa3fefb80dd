/**
 * True when a write failed on a unique index: PostgreSQL's `23505`, whether the driver error
 * arrives bare or wrapped by MikroORM (`UniqueConstraintViolationException`).
 */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; name?: string; message?: unknown; cause?: { code?: string } } | null;
  if (!e) return false;
  return (
    e.code === '23505' ||
    e.cause?.code === '23505' ||
    e.name === 'UniqueConstraintViolationException' ||
    /unique|duplicate key/i.test(String(e.message ?? ''))
  );
}
