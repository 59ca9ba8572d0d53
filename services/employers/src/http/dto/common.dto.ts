import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ID_PATTERN, MEXICAN_STATES, type MexicanState } from '@frontera/employers-domain';

/*
 * Request DTOs validate SHAPE (types, lengths, known values, no unknown fields) and answer 400
 * VALIDATION.FAILED; business RULES (RFC check digit, kind ↔ RFC length, coordinates inside
 * Mexico, transitions) stay in the domain and answer 422 / 409 with their own codes. Every
 * property has a type validator, which is what refuses injection-shaped values such as
 * {"$ne": null} where a string is expected.
 */

export class EmployerParams {
  @ApiProperty({ description: 'Employer id', example: 'org-7f3a9c' })
  @IsString()
  @Matches(ID_PATTERN, { message: 'id must be 1–64 letters, digits, "_" or "-"' })
  id!: string;
}

export class WorksiteParams extends EmployerParams {
  @ApiProperty({ description: 'Worksite id', example: 'ws_01JQ8ZK4M2' })
  @IsString()
  @Matches(ID_PATTERN, { message: 'worksiteId must be 1–64 letters, digits, "_" or "-"' })
  worksiteId!: string;
}

export class ReasonRequest {
  @ApiProperty({
    description: 'Why (1–500 characters); kept in the history and sent in the event. No personal data.',
    example: 'Documentos de constitución verificados contra el registro del SAT',
    maxLength: 500,
  })
  @IsString()
  @MaxLength(500)
  reason!: string;
}

export class AddressDto {
  @ApiProperty({ enum: MEXICAN_STATES, description: 'ISO 3166-2:MX without "MX-"', example: 'CHP' })
  @IsIn(MEXICAN_STATES)
  state!: MexicanState;

  @ApiProperty({ example: 'Tapachula', maxLength: 120 })
  @IsString()
  @MaxLength(120)
  municipality!: string;

  @ApiPropertyOptional({ example: 'Tapachula de Córdova y Ordóñez', nullable: true, maxLength: 120 })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  locality?: string | null;

  @ApiPropertyOptional({ description: 'Colonia', example: 'Centro', nullable: true, maxLength: 120 })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  neighbourhood?: string | null;

  @ApiProperty({ description: 'Street and numbers', example: 'Avenida Central Norte 12', maxLength: 200 })
  @IsString()
  @MaxLength(200)
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
    maxLength: 200,
  })
  @IsString()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'rh@finca-la-esperanza.mx', maxLength: 254 })
  @IsString()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ description: '10–15 digits, optional "+"', example: '+52 962 123 4567', maxLength: 30 })
  @IsString()
  @MaxLength(30)
  phone!: string;
}

export class LegalRepresentativeDto {
  @ApiProperty({ description: 'Personal data', example: 'Jorge Pérez Gómez', maxLength: 200 })
  @IsString()
  @MaxLength(200)
  fullName!: string;

  @ApiPropertyOptional({ example: 'Apoderado legal', nullable: true, maxLength: 120 })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  position?: string | null;
}
