import { LIMITS } from '@frontera/shared-kernel';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { EMPLOYER_KINDS, SECTORS, type EmployerKind, type Sector } from '@frontera/employers-domain';
import { AddressDto, ContactDto, LegalRepresentativeDto } from './common.dto';

export class RegisterEmployerRequest {
  @ApiProperty({
    description:
      'RFC: 12 characters for a company, 13 for an individual; the SAT check digit is verified and the ' +
      'generic RFCs XAXX010101000 / XEXX010101000 are refused (422)',
    example: 'FLE150812AB5',
    maxLength: 20,
  })
  @IsString()
  @MaxLength(20)
  rfc!: string;

  @ApiProperty({
    description: 'Razón social (company) or full name (individual)',
    example: 'Finca La Esperanza S.A. de C.V.',
    maxLength: LIMITS.LEGAL_NAME,
  })
  @IsString()
  @MaxLength(LIMITS.LEGAL_NAME)
  legalName!: string;

  @ApiProperty({ enum: EMPLOYER_KINDS, description: 'Must match the RFC length', example: 'COMPANY' })
  @IsIn(EMPLOYER_KINDS)
  kind!: EmployerKind;

  @ApiProperty({ enum: SECTORS, example: 'COFFEE' })
  @IsIn(SECTORS)
  sector!: Sector;

  @ApiProperty({ type: ContactDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ContactDto)
  contact!: ContactDto;

  @ApiProperty({
    type: AddressDto,
    description: 'Registered (fiscal) address; its state scopes the officers who decide',
  })
  @IsObject()
  @ValidateNested()
  @Type(() => AddressDto)
  address!: AddressDto;

  @ApiPropertyOptional({
    type: LegalRepresentativeDto,
    nullable: true,
    description: 'Required for a company; an individual may act in their own name',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LegalRepresentativeDto)
  legalRepresentative?: LegalRepresentativeDto | null;
}
