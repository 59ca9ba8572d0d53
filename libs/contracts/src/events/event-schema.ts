import 'reflect-metadata';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import {
  ARRAY_MAX_SIZE,
  ARRAY_MIN_SIZE,
  getMetadataStorage,
  IS_ARRAY,
  IS_BOOLEAN,
  IS_IN,
  IS_INT,
  IS_ISO8601,
  IS_LENGTH,
  IS_NUMBER,
  IS_STRING,
  MATCHES,
  MAX,
  MAX_LENGTH,
  MIN,
  MIN_LENGTH,
  ValidationTypes,
} from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

// Where class-transformer keeps `@Type` metadata; its package has no typed entry for it (as
// @nestjs/swagger, which reads it the same way).
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: MetadataStorage;
};

/** A JSON Schema (draft 2020-12 / AsyncAPI 3 Schema Object) as plain data. */
export type JsonSchema = { [keyword: string]: unknown };

type DataClass = abstract new (...args: never[]) => object;

/**
 * What each class-validator decorator of the contracts says, as JSON Schema keywords of the value
 * (or of each item, with `{ each: true }`). Decorators not listed here are refused by
 * {@link jsonSchemaOfClass}: a contract using a new one fails the documentation build (and its
 * test) until it is mapped here, instead of being documented wrongly.
 */
const VALUE_KEYWORDS: Readonly<Record<string, (constraints: readonly unknown[]) => JsonSchema>> = {
  [IS_STRING]: () => ({ type: 'string' }),
  [IS_BOOLEAN]: () => ({ type: 'boolean' }),
  [IS_INT]: () => ({ type: 'integer' }),
  [IS_NUMBER]: () => ({ type: 'number' }),
  [IS_IN]: ([values]) => ({ enum: [...(values as readonly unknown[])] }),
  [MATCHES]: ([pattern, modifiers]) => {
    const regex = pattern instanceof RegExp ? pattern : new RegExp(String(pattern), String(modifiers ?? ''));
    if (regex.flags.replace(/[gy]/g, '') !== '') {
      throw new Error(`a pattern with flags (/${regex.source}/${regex.flags}) has no JSON Schema form`);
    }
    return { type: 'string', pattern: regex.source };
  },
  [IS_LENGTH]: ([min, max]) => ({
    type: 'string',
    ...(typeof min === 'number' ? { minLength: min } : {}),
    ...(typeof max === 'number' ? { maxLength: max } : {}),
  }),
  [MIN_LENGTH]: ([min]) => ({ type: 'string', minLength: min }),
  [MAX_LENGTH]: ([max]) => ({ type: 'string', maxLength: max }),
  [MIN]: ([min]) => ({ minimum: min }),
  [MAX]: ([max]) => ({ maximum: max }),
  [IS_ISO8601]: () => ({ type: 'string', description: 'An ISO 8601 date or date-time.' }),
};

/** Decorators that constrain the array itself, whatever `each` says. */
const ARRAY_KEYWORDS: Readonly<Record<string, (constraints: readonly unknown[]) => JsonSchema>> = {
  [IS_ARRAY]: () => ({ type: 'array' }),
  [ARRAY_MIN_SIZE]: ([min]) => ({ type: 'array', minItems: min }),
  [ARRAY_MAX_SIZE]: ([max]) => ({ type: 'array', maxItems: max }),
};

function mergeKeywords(into: JsonSchema, keywords: JsonSchema, where: string): void {
  for (const [keyword, value] of Object.entries(keywords)) {
    if (keyword === 'description' && typeof into[keyword] === 'string') continue;
    if (keyword in into && JSON.stringify(into[keyword]) !== JSON.stringify(value)) {
      throw new Error(
        `${where}: "${keyword}" is ${JSON.stringify(into[keyword])} and ${JSON.stringify(value)}`,
      );
    }
    into[keyword] = value;
  }
}

function nestedClassOf(target: DataClass, property: string): DataClass | undefined {
  const meta = defaultMetadataStorage.findTypeMetadata(target as never, property);
  return meta?.typeFunction() as DataClass | undefined;
}

/**
 * The JSON Schema of a contract class, derived from its class-validator decorators (and
 * class-transformer's `@Type` for nested classes) — the same metadata `validateEventData` checks
 * events with, so the documented schema is the contract, not a second copy of it:
 *
 * - an object with `additionalProperties: false` (unknown fields are violations) and every
 *   property without `@IsOptional()` required;
 * - `@IsString`, `@IsBoolean`, `@IsInt`, `@IsNumber` → `type`; `@IsIn` → `enum`; `@Matches` →
 *   `pattern`; `@Length`/`@MinLength`/`@MaxLength` → `minLength`/`maxLength`; `@Min`/`@Max` →
 *   `minimum`/`maximum`; `@IsISO8601` → a string (dates and date-times); `@IsArray`,
 *   `@ArrayMinSize`, `@ArrayMaxSize` → an array with `minItems`/`maxItems`, `{ each: true }` on
 *   the others constrains the items; `@ValidateNested` with `@Type(() => X)` → X's schema inline.
 *
 * Throws on a decorator it does not know, rather than leave a field undocumented.
 */
export function jsonSchemaOfClass(target: DataClass, seen: readonly DataClass[] = []): JsonSchema {
  if (seen.includes(target)) throw new Error(`${target.name} contains itself: no finite schema`);
  const metadatas: ValidationMetadata[] = getMetadataStorage().getTargetValidationMetadatas(
    target as never,
    '',
    true,
    false,
  );
  if (metadatas.length === 0) throw new Error(`${target.name} has no class-validator metadata`);
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const metadata of metadatas) {
    byProperty.set(metadata.propertyName, [...(byProperty.get(metadata.propertyName) ?? []), metadata]);
  }
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [property, list] of byProperty) {
    const where = `${target.name}.${property}`;
    const value: JsonSchema = {};
    const items: JsonSchema = {};
    let optional = false;
    let array = false;
    for (const metadata of list) {
      const constraints: readonly unknown[] = metadata.constraints ?? [];
      if (metadata.type === ValidationTypes.CONDITIONAL_VALIDATION) {
        optional = true;
      } else if (metadata.type === ValidationTypes.IS_DEFINED) {
        // Required, as every property without @IsOptional(): class-validator skips the nested
        // validation of a missing value, so a nested object is @IsDefined() to be required.
      } else if (metadata.type === ValidationTypes.NESTED_VALIDATION) {
        const nested = nestedClassOf(target, property);
        if (!nested) throw new Error(`${where}: @ValidateNested() without @Type(() => …)`);
        mergeKeywords(metadata.each ? items : value, jsonSchemaOfClass(nested, [...seen, target]), where);
        array ||= metadata.each === true;
      } else if (
        metadata.type === ValidationTypes.CUSTOM_VALIDATION &&
        metadata.name &&
        ARRAY_KEYWORDS[metadata.name]
      ) {
        mergeKeywords(value, ARRAY_KEYWORDS[metadata.name](constraints), where);
        array = true;
      } else if (
        metadata.type === ValidationTypes.CUSTOM_VALIDATION &&
        metadata.name &&
        VALUE_KEYWORDS[metadata.name]
      ) {
        mergeKeywords(metadata.each ? items : value, VALUE_KEYWORDS[metadata.name](constraints), where);
        array ||= metadata.each === true;
      } else {
        throw new Error(`${where}: no JSON Schema mapping for ${metadata.name ?? metadata.type}`);
      }
    }
    if (array) {
      mergeKeywords(value, { type: 'array' }, where);
      if (Object.keys(items).length > 0) value['items'] = items;
    }
    properties[property] = value;
    if (!optional) required.push(property);
  }
  return {
    title: target.name,
    type: 'object',
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
  };
}
