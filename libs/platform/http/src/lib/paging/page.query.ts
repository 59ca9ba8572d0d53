import type { Type } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { LIMITS } from '@frontera/shared-kernel';

/** Highest page number a list accepts unless it says otherwise. */
export const DEFAULT_MAX_PAGE = LIMITS.PAGE;

/**
 * Largest offset, `(page - 1) × pageSize`, a list may ask a database for: exact in a double and
 * a 32-bit integer alike, so no page a client can send overflows into a 500 (`page=1e308` once did).
 */
export const MAX_SAFE_OFFSET = 2 ** 31 - 1;

export interface PageQueryOptions {
  /** Largest `pageSize` (≥ 1). */
  readonly maxPageSize: number;
  /** `pageSize` when the query has none (1…maxPageSize). */
  readonly defaultPageSize: number;
  /** Highest `page`; {@link DEFAULT_MAX_PAGE} by default. */
  readonly maxPage?: number;
}

/** The paging members of a list query. */
export interface PageQueryFields {
  /** 1-based; 1 when absent. */
  page: number;
  pageSize: number;
}

/**
 * A query-string integer: digits only (an optional `-`), so `1.5`, `1e3`, `0x10`, ` 7` and
 * repeated parameters stay what they are and fail `@IsInt()` (400 VALIDATION.FAILED).
 */
const toInteger = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;

function assertBounds({ maxPageSize, defaultPageSize, maxPage = DEFAULT_MAX_PAGE }: PageQueryOptions): void {
  const integers = [maxPageSize, defaultPageSize, maxPage];
  if (!integers.every((n) => Number.isSafeInteger(n) && n >= 1)) {
    throw new Error(`PageQuery: maxPageSize, defaultPageSize and maxPage must be integers ≥ 1`);
  }
  if (defaultPageSize > maxPageSize) throw new Error('PageQuery: defaultPageSize is over maxPageSize');
  if ((maxPage - 1) * maxPageSize > MAX_SAFE_OFFSET) {
    throw new Error(`PageQuery: (maxPage - 1) × maxPageSize is over ${MAX_SAFE_OFFSET}`);
  }
}

/**
 * The base class of a list's query DTO: `page` (1…maxPage, default 1) and `pageSize`
 * (1…maxPageSize, default `defaultPageSize`), documented as bounded integers and validated with
 * the same bounds, so the offset a repository computes is always small and exact.
 *
 * ```ts
 * export class ListPermitsQueryDto extends PageQuery({ maxPageSize: 100, defaultPageSize: 20 }) {
 *   @ApiPropertyOptional({ enum: PERMIT_STATES }) @IsOptional() @IsIn(PERMIT_STATES) state?: PermitState;
 * }
 * ```
 */
export function PageQuery(options: PageQueryOptions): Type<PageQueryFields> {
  assertBounds(options);
  const maxPage = options.maxPage ?? DEFAULT_MAX_PAGE;
  const { maxPageSize, defaultPageSize } = options;

  class PageQueryDto implements PageQueryFields {
    @ApiPropertyOptional({
      type: 'integer',
      minimum: 1,
      maximum: maxPage,
      default: 1,
      description: `Page number, 1–${maxPage}`,
    })
    @Transform(toInteger)
    @IsInt()
    @Min(1)
    @Max(maxPage)
    page = 1;

    @ApiPropertyOptional({
      type: 'integer',
      minimum: 1,
      maximum: maxPageSize,
      default: defaultPageSize,
      description: `Items per page, 1–${maxPageSize}`,
    })
    @Transform(toInteger)
    @IsInt()
    @Min(1)
    @Max(maxPageSize)
    pageSize: number = defaultPageSize;
  }
  return PageQueryDto;
}
