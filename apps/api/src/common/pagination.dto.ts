import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { Omittable } from './optional.js';

/**
 * The furthest a list may be paged. Any bound beyond the rows there are will do; without one,
 * `offset=1e20` (an integer to JavaScript) overflows PostgreSQL's bigint and fails the query.
 */
export const MAX_OFFSET = 10_000_000;

/** A list query's `offset`: rows to skip, from 0 to MAX_OFFSET. */
export function OffsetField(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ minimum: 0, maximum: MAX_OFFSET, default: 0 }),
    Omittable(),
    Type(() => Number),
    IsInt(),
    Min(0),
    Max(MAX_OFFSET),
  );
}

/** `limit` and `offset` of every list endpoint; lists answer `{ items, total }`. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @Omittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;

  @OffsetField()
  offset: number = 0;
}
