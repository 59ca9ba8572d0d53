import { LIMITS } from '@frontera/shared-kernel';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { AddressDto, ContactDto, LegalRepresentativeDto, ReasonRequest } from './common.dto';

/** At least one of the parts; each replaces the whole part. `legalRepresentative: null` removes it (individuals). */
export class ReportChangeRequest extends ReasonRequest {
  @ApiPropertyOptional({ example: 'Finca La Esperanza Sociedad Cooperativa', maxLength: LIMITS.LEGAL_NAME })
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.LEGAL_NAME)
  legalName?: string;

  @ApiPropertyOptional({ type: AddressDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto;

  @ApiPropertyOptional({ type: ContactDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto;

  @ApiPropertyOptional({ type: LegalRepresentativeDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LegalRepresentativeDto)
  legalRepresentative?: LegalRepresentativeDto | null;
}
