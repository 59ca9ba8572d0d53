import { ApiProperty } from '@nestjs/swagger';
import { PERMIT_STATUSES, type PermitStatus } from '@frontera/permits-domain';

/** Everything public verification answers, and nothing else (docs/domain/permits.md, "Public verification"). */
export class PublicVerificationResponse {
  @ApiProperty({ description: 'Valid today: ACTIVE and within its validity', example: true })
  valid!: boolean;

  @ApiProperty({ enum: PERMIT_STATUSES, example: 'ACTIVE' })
  status!: PermitStatus;

  @ApiProperty({
    format: 'date',
    example: '2027-02-28',
    description: 'Expiry: the last day the permit is valid (inclusive), in its state’s calendar',
  })
  lastValidDay!: string;

  @ApiProperty({
    example: 'Finca La Esperanza S.A. de C.V.',
    description:
      'The employer’s public name; "Empleador registrado" ("Registered employer" with Accept-Language: en) ' +
      'when it has none, e.g. an individual',
  })
  employerName!: string;

  @ApiProperty({ example: 'J. L. P. L.', description: 'The worker’s initials; no other personal data' })
  workerInitials!: string;
}
