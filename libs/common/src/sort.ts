import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

/**
 * `sort=` on paged lists (CONTRACT: a key, `-` prefix for descending, unknown value → 400).
 * A list declares its keys once, mapped to SQL expressions; the DTO and the `order by` both
 * come from that map, so the documented values and the accepted ones cannot drift.
 */
export type SortValue<K extends string> = K | `-${K}`;

export function sortValues<K extends string>(keys: readonly K[]): SortValue<K>[] {
  return keys.flatMap((k) => [k, `-${k}` as const]);
}

/** Query property `sort`: documented enum, validated (the global pipe turns a miss into 400 VALIDATION_FAILED). */
export function SortQuery(keys: readonly string[], defaultValue: string, description?: string): PropertyDecorator {
  const values = sortValues(keys);
  return applyDecorators(
    ApiPropertyOptional({ enum: values, default: defaultValue, description }),
    IsOptional(),
    IsIn(values, { message: `sort must be one of ${values.join(', ')}` }),
  );
}

/** The key and direction a `sort` value (or `defaultValue`) names. */
export function parseSort(sort: string | undefined, defaultValue: string): { key: string; dir: 'asc' | 'desc' } {
  const value = sort ?? defaultValue;
  return value.startsWith('-') ? { key: value.slice(1), dir: 'desc' } : { key: value, dir: 'asc' };
}

/**
 * `order by` body for `sort` (or `defaultValue`): the key's column(s), then `tie` in the same
 * direction so pages never overlap. A key may name several columns (e.g. agency then unit name),
 * all taking the direction. `columns` holds trusted SQL only — never user input.
 */
export function orderBySql(
  sort: string | undefined,
  defaultValue: string,
  columns: Record<string, string | readonly string[]>,
  tie: string,
): string {
  const { key, dir } = parseSort(sort, defaultValue);
  const col = Object.hasOwn(columns, key) ? columns[key] : undefined;
  if (!col) throw new Error(`unknown sort key ${sort ?? defaultValue}`); // the DTO refuses these first
  const cols = typeof col === 'string' ? [col] : col;
  return `${cols.map((c) => `${c} ${dir} nulls last`).join(', ')}, ${tie} ${dir}`;
}
