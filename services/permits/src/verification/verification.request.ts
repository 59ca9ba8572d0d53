import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

/** `GET /verify/{token}`: any string is looked up (a token of the wrong shape is one no permit has). */
export class VerificationTokenParams {
  @ApiProperty({
    description: 'The verification token of the card’s QR code (base64url, at least 128 random bits)',
    example: 'q3Zx8_Lm-2VbT0pRkW9sYa',
  })
  @IsString()
  token!: string;
}

/** `GET /verify?number=…&birthYear=…` */
export class VerificationNumberQuery {
  @ApiProperty({
    description:
      'The permit number as printed on the card; case, spaces and dashes do not matter (`tvtfchp26k7q9m2xwc`)',
    example: 'TVTF-CHP-26-K7Q9-M2XW-C',
    minLength: 1,
    maxLength: 64,
  })
  @IsString()
  @Length(1, 64)
  number!: string;

  @ApiProperty({
    description: 'The worker’s year of birth, four digits',
    example: '1996',
    pattern: '^[0-9]{4}$',
  })
  @IsString()
  @Matches(/^[0-9]{4}$/, { message: 'birthYear must be a year of four digits' })
  birthYear!: string;
}
