import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { EventCatalogue } from './event-catalogue';
import { jsonSchemaOfClass } from './event-schema';
import { validateEventData } from './event-validation';

class PartV1 {
  @Matches(/^[a-z]{1,8}$/) code!: string;
  @IsInt() @Min(1) @Max(9) quantity!: number;
}

class OrderV1 {
  @IsString() @Length(1, 40) name!: string;
  @IsIn(['A', 'B']) grade!: 'A' | 'B';
  @IsOptional() @IsArray() @ArrayMaxSize(3) @IsString({ each: true }) tags?: string[];
  @ValidateNested() @Type(() => PartV1) main!: PartV1;
  @IsArray() @ValidateNested({ each: true }) @Type(() => PartV1) parts!: PartV1[];
}

class WithEmailV1 {
  @IsEmail() email!: string;
}

class WithFlagsV1 {
  @Matches(/^a$/i) code!: string;
}

describe('jsonSchemaOfClass (the JSON Schema of a contract class, from its class-validator metadata)', () => {
  it('maps every decorator the contracts use, nested classes inline', () => {
    const part = {
      title: 'PartV1',
      type: 'object',
      properties: {
        code: { type: 'string', pattern: '^[a-z]{1,8}$' },
        quantity: { type: 'integer', minimum: 1, maximum: 9 },
      },
      required: ['code', 'quantity'],
      additionalProperties: false,
    };
    expect(jsonSchemaOfClass(OrderV1)).toEqual({
      title: 'OrderV1',
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 40 },
        grade: { enum: ['A', 'B'] },
        tags: { type: 'array', maxItems: 3, items: { type: 'string' } },
        main: part,
        parts: { type: 'array', items: part },
      },
      required: ['name', 'grade', 'main', 'parts'],
      additionalProperties: false,
    });
  });

  it('refuses a decorator it has no mapping for, and a pattern with flags, naming the field', () => {
    expect(() => jsonSchemaOfClass(WithEmailV1)).toThrow(
      'WithEmailV1.email: no JSON Schema mapping for isEmail',
    );
    expect(() => jsonSchemaOfClass(WithFlagsV1)).toThrow(/flags/);
  });

  describe.each(Object.entries(EventCatalogue))('%s', (type, definition) => {
    const schema = jsonSchemaOfClass(definition.data);
    const properties = Object.keys(schema['properties'] as object);

    it('requires exactly the fields the validator reports missing from empty data', () => {
      const missing = validateEventData(type, {}).map((v) => v.path.replace(/^data\./, ''));
      expect([...new Set(missing)].sort()).toEqual([...((schema['required'] as string[]) ?? [])].sort());
    });

    it('documents exactly the fields the validator accepts (any other is a violation)', () => {
      const unknown = validateEventData(type, { notInTheContract: 1 }).map((v) => v.path);
      expect(unknown).toContain('data.notInTheContract');
      expect(schema['additionalProperties']).toBe(false);
      for (const property of properties) {
        expect(validateEventData(type, { [property]: undefined }).map((v) => v.problem)).not.toContain(
          `property ${property} should not exist`,
        );
      }
    });
  });
});
