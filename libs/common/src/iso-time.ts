import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateBy } from 'class-validator';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):(\d{2})))?$/;

/** Years PostgreSQL and every client handle alike (no year 0, no six-digit years). */
export const ISO_YEAR_MIN = 1900;
export const ISO_YEAR_MAX = 9999;

/**
 * The one definition of a date or time a client may send: `YYYY-MM-DD`, or
 * `YYYY-MM-DDTHH:MM[:SS[.fraction]]` with `Z` or an offset, that exists on the calendar (no 30
 * February, no hour 24), between 1900 and 9999. Lenient forms that a parser takes and PostgreSQL
 * refuses (`20261201`, `2026-W01`, `0000-01-01`) are not dates here. Returns the instant, or null.
 */
export function parseIsoTime(value: unknown): Date | null {
  if (typeof value !== 'string' || value.length > 40) return null;
  const m = ISO.exec(value);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', , zone, oh = '0', om = '0'] = m;
  const year = Number(y);
  if (year < ISO_YEAR_MIN || year > ISO_YEAR_MAX) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59 || Number(oh) > 14 || Number(om) > 59) return null;
  const day = new Date(Date.UTC(year, Number(mo) - 1, Number(d)));
  if (day.getUTCFullYear() !== year || day.getUTCMonth() !== Number(mo) - 1 || day.getUTCDate() !== Number(d)) return null;
  const t = Date.parse(zone ? value : `${value}T00:00:00Z`);
  return Number.isNaN(t) ? null : new Date(t);
}

/** Validates with parseIsoTime; the message names the field (the pipe prefixes `field:`). */
export function IsIsoTime(): PropertyDecorator {
  return ValidateBy({
    name: 'isIsoTime',
    validator: {
      validate: (value) => parseIsoTime(value) !== null,
      defaultMessage: (args) =>
        `${args?.property ?? 'value'} must be an ISO-8601 date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM:SSZ) that exists, between ${ISO_YEAR_MIN} and ${ISO_YEAR_MAX}`,
    },
  });
}

/** An optional date or date-time query parameter, documented in OpenAPI. */
export function QueryIsoTime(description?: string): PropertyDecorator {
  return applyDecorators(ApiPropertyOptional({ type: String, format: 'date-time', description }), IsOptional(), IsIsoTime());
}
