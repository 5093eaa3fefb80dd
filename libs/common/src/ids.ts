import { ParseUUIDPipe } from '@nestjs/common';

/** A UUID of any version, as the database stores them (case-insensitive). */
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a well-formed UUID: checked before a query, so a bad id is a 404/400, never a 500. */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID_RE.test(value);

/** The one `:id` pipe: any UUID version; a malformed one answers 400 `VALIDATION_FAILED`. */
export const uuid = new ParseUUIDPipe({ version: undefined });
