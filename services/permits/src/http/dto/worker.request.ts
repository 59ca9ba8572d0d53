import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  IDENTITY_DOCUMENT_TYPES,
  SEXES,
  type IdentityDocumentType,
  type Sex,
} from '@frontera/permits-domain';
import { ID_PATTERN, LIMITS } from '@frontera/shared-kernel';

/*
 * Request DTOs validate SHAPE (types, lengths, known values, no unknown fields: 400
 * VALIDATION.FAILED); the domain checks the RULES (a real date of birth, a document number's
 * characters, a phone's digits: 422 with the field and a constraint, never echoing the value).
 */

const ALPHA3 = /^[A-Za-z]{3}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class SurnamesDto {
  @ApiProperty({
    description: 'Paternal surname (primer apellido)',
    example: 'Pérez',
    maxLength: LIMITS.NAME,
  })
  @IsString()
  @MaxLength(LIMITS.NAME)
  first!: string;

  @ApiPropertyOptional({
    description: 'Maternal surname (segundo apellido)',
    example: 'López',
    maxLength: LIMITS.NAME,
    nullable: true,
    type: String,
  })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.NAME)
  second?: string | null;
}

export class IdentityDocumentDto {
  @ApiProperty({
    enum: IDENTITY_DOCUMENT_TYPES,
    description: 'NATIONAL_ID: e.g. Guatemala’s DPI',
    example: 'NATIONAL_ID',
  })
  @IsIn(IDENTITY_DOCUMENT_TYPES)
  type!: IdentityDocumentType;

  @ApiProperty({
    description:
      'As printed; spaces and dashes are ignored. Personal data: encrypted at rest, never in events or logs.',
    example: '2547 89012 0101',
    maxLength: 40,
  })
  @IsString()
  @MaxLength(40)
  number!: string;

  @ApiProperty({
    description: 'ISO 3166-1 alpha-3 of the issuing country',
    example: 'GTM',
    pattern: ALPHA3.source,
  })
  @IsString()
  @Matches(ALPHA3, { message: 'issuingCountry must be an ISO 3166-1 alpha-3 code such as GTM' })
  issuingCountry!: string;
}

export class PlaceOfBirthDto {
  @ApiProperty({ description: 'ISO 3166-1 alpha-3', example: 'GTM', pattern: ALPHA3.source })
  @IsString()
  @Matches(ALPHA3, { message: 'country must be an ISO 3166-1 alpha-3 code such as GTM' })
  country!: string;

  @ApiPropertyOptional({
    example: 'Malacatán, San Marcos',
    maxLength: LIMITS.NAME,
    nullable: true,
    type: String,
  })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.NAME)
  locality?: string | null;
}

export class HomeAddressDto {
  @ApiProperty({ example: 'Aldea El Carmen, casa 12', maxLength: LIMITS.STREET })
  @IsString()
  @MaxLength(LIMITS.STREET)
  line!: string;

  @ApiProperty({ example: 'Malacatán', maxLength: LIMITS.NAME })
  @IsString()
  @MaxLength(LIMITS.NAME)
  locality!: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-3', example: 'GTM', pattern: ALPHA3.source })
  @IsString()
  @Matches(ALPHA3, { message: 'country must be an ISO 3166-1 alpha-3 code such as GTM' })
  country!: string;
}

/** A worker's biographical data. Everything but sex and nationality is personal data. */
export class WorkerDataDto {
  @ApiProperty({ description: 'One to three given names', example: 'José Luis', maxLength: LIMITS.NAME })
  @IsString()
  @MaxLength(LIMITS.NAME)
  givenNames!: string;

  @ApiProperty({ type: SurnamesDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SurnamesDto)
  surnames!: SurnamesDto;

  @ApiProperty({ description: 'YYYY-MM-DD', example: '1994-03-18', format: 'date' })
  @IsString()
  @Matches(DATE, { message: 'dateOfBirth must be a date as YYYY-MM-DD' })
  dateOfBirth!: string;

  @ApiProperty({
    enum: SEXES,
    description: 'As the identity document states it (X: neither / not stated)',
    example: 'M',
  })
  @IsIn(SEXES)
  sex!: Sex;

  @ApiProperty({
    description: 'ISO 3166-1 alpha-3; a permit is issued to GTM and BLZ nationals only',
    example: 'GTM',
    pattern: ALPHA3.source,
  })
  @IsString()
  @Matches(ALPHA3, { message: 'nationality must be an ISO 3166-1 alpha-3 code such as GTM' })
  nationality!: string;

  @ApiProperty({ type: IdentityDocumentDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => IdentityDocumentDto)
  identityDocument!: IdentityDocumentDto;

  @ApiProperty({ type: PlaceOfBirthDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PlaceOfBirthDto)
  placeOfBirth!: PlaceOfBirthDto;

  @ApiProperty({ type: HomeAddressDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => HomeAddressDto)
  homeAddress!: HomeAddressDto;

  @ApiPropertyOptional({ example: '+502 5555 1234', maxLength: LIMITS.PHONE, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.PHONE)
  phone?: string | null;

  @ApiPropertyOptional({
    description: 'Id of the stored photo (not the image)',
    example: 'photo_5f2c81',
    pattern: ID_PATTERN.source,
    nullable: true,
    type: String,
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @Matches(ID_PATTERN, { message: 'photoReference must be 1–64 letters, digits, "_" or "-"' })
  photoReference?: string | null;
}
