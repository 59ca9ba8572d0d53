import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { MEXICAN_STATES, type MexicanState } from '@frontera/employers-domain';
import { ID_PATTERN, LIMITS } from '@frontera/shared-kernel';

/*
 * Request DTOs validate SHAPE (types, lengths, known values, no unknown fields) and answer 400
 * VALIDATION.FAILED; business RULES (RFC check digit, kind ↔ RFC length, coordinates inside
 * Mexico, transitions) stay in the domain and answer 422 / 409 with their own codes. Every
 * property has a type validator, which is what refuses injection-shaped values such as
 * {"$ne": null} where a string is expected.
 */

export class EmployerParams {
  @ApiProperty({ description: 'Employer id', example: 'org-7f3a9c', pattern: ID_PATTERN.source })
  @IsString()
  @Matches(ID_PATTERN, { message: 'id must be 1–64 letters, digits, "_" or "-"' })
  id!: string;
}

export class WorksiteParams extends EmployerParams {
  @ApiProperty({ description: 'Worksite id', example: 'ws_01JQ8ZK4M2', pattern: ID_PATTERN.source })
  @IsString()
  @Matches(ID_PATTERN, { message: 'worksiteId must be 1–64 letters, digits, "_" or "-"' })
  worksiteId!: string;
}

/** The body of every reason-only action (rejection, suspension, …): the platform's, one for every service. */
export { ReasonRequest } from '@frontera/platform-http';

export class AddressDto {
  @ApiProperty({ enum: MEXICAN_STATES, description: 'ISO 3166-2:MX without "MX-"', example: 'CHP' })
  @IsIn(MEXICAN_STATES)
  state!: MexicanState;

  @ApiProperty({ example: 'Tapachula', maxLength: LIMITS.NAME })
  @IsString()
  @MaxLength(LIMITS.NAME)
  municipality!: string;

  @ApiPropertyOptional({ example: 'Tapachula de Córdova y Ordóñez', nullable: true, maxLength: LIMITS.NAME })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.NAME)
  locality?: string | null;

  @ApiPropertyOptional({ description: 'Colonia', example: 'Centro', nullable: true, maxLength: LIMITS.NAME })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.NAME)
  neighbourhood?: string | null;

  @ApiProperty({
    description: 'Street and numbers',
    example: 'Avenida Central Norte 12',
    maxLength: LIMITS.STREET,
  })
  @IsString()
  @MaxLength(LIMITS.STREET)
  street!: string;

  @ApiProperty({ description: 'Código postal, 5 digits', example: '30700' })
  @IsString()
  @MaxLength(10)
  postalCode!: string;
}

export class ContactDto {
  @ApiProperty({
    description: 'Contact person (personal data)',
    example: 'María López Hernández',
    maxLength: LIMITS.FULL_NAME,
  })
  @IsString()
  @MaxLength(LIMITS.FULL_NAME)
  name!: string;

  @ApiProperty({ example: 'rh@finca-la-esperanza.mx', maxLength: LIMITS.EMAIL })
  @IsString()
  @MaxLength(LIMITS.EMAIL)
  email!: string;

  @ApiProperty({
    description: '10–15 digits, optional "+"',
    example: '+52 962 123 4567',
    maxLength: LIMITS.PHONE,
  })
  @IsString()
  @MaxLength(LIMITS.PHONE)
  phone!: string;
}

export class LegalRepresentativeDto {
  @ApiProperty({ description: 'Personal data', example: 'Jorge Pérez Gómez', maxLength: LIMITS.FULL_NAME })
  @IsString()
  @MaxLength(LIMITS.FULL_NAME)
  fullName!: string;

  @ApiPropertyOptional({ example: 'Apoderado legal', nullable: true, maxLength: LIMITS.NAME })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.NAME)
  position?: string | null;
}
