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

/**
 * `order by` body for `sort` (or `defaultValue`): the key's column(s), then `tie` in the same
 * direction so pages never overlap. `columns` holds trusted SQL only — never user input.
 */
export function orderBySql(sort: string | undefined, defaultValue: string, columns: Record<string, string>, tie: string): string {
  const value = sort ?? defaultValue;
  const desc = value.startsWith('-');
  const col = columns[desc ? value.slice(1) : value];
  if (!col) throw new Error(`unknown sort key ${value}`); // the DTO refuses these first
  const dir = desc ? 'desc' : 'asc';
  return `${col} ${dir} nulls last, ${tie} ${dir}`;
}
