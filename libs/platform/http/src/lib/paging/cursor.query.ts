import type { Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { LIMITS } from '@frontera/shared-kernel';

/** The opaque cursors lists give: base64url, bounded. */
const CURSOR = /^[A-Za-z0-9_-]{1,512}$/;

const toInteger = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;

/** The paging members of a list query read by cursor. */
export interface CursorQueryFields {
  cursor?: string;
  limit: number;
}

/**
 * The base class of a list query read by cursor (lists that stay cheap as the register grows read
 * page buckets, not offsets: platform-store `readList`): `cursor` (a `nextCursor` the list gave;
 * none for the start) and `limit` (1…maxLimit, default `defaultLimit`).
 *
 * ```ts
 * export class ListPermitsQueryDto extends CursorQuery({ defaultLimit: 20 }) { … filters … }
 * ```
 */
export function CursorQuery(options: {
  readonly defaultLimit: number;
  readonly maxLimit?: number;
}): Type<CursorQueryFields> {
  const maxLimit = options.maxLimit ?? LIMITS.PAGE_SIZE;
  const { defaultLimit } = options;
  if (!Number.isSafeInteger(defaultLimit) || defaultLimit < 1 || defaultLimit > maxLimit) {
    throw new Error('CursorQuery: defaultLimit must be an integer in 1..maxLimit');
  }

  class CursorQueryDto implements CursorQueryFields {
    @ApiPropertyOptional({
      type: 'string',
      pattern: CURSOR.source,
      maxLength: 512,
      description: 'Where to go on: the `nextCursor` of the previous page (none for the first page)',
    })
    @IsOptional()
    @IsString()
    @MaxLength(512)
    @Matches(CURSOR)
    cursor?: string;

    @ApiPropertyOptional({
      type: 'integer',
      minimum: 1,
      maximum: maxLimit,
      default: defaultLimit,
      description: `Items per page, 1–${maxLimit}`,
    })
    @Transform(toInteger)
    @IsInt()
    @Min(1)
    @Max(maxLimit)
    limit: number = defaultLimit;
  }
  return CursorQueryDto;
}

/** The members of a page read by cursor, for response DTOs to document. */
export class CursorPageFields {
  @ApiProperty({
    type: 'string',
    nullable: true,
    example: 'eyJ2IjoxLCJjIjoic3RhdGU6Q0hQIiwicCI6MTJ9',
    description: 'Pass as `cursor` for the next page; null at the end of the list',
  })
  nextCursor!: string | null;
}
