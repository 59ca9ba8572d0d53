import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { ID_PATTERN } from '@frontera/shared-kernel';

export { ReasonRequest } from '@frontera/platform-http';

export class IdParams {
  @ApiProperty({ description: 'Id', example: 'tsk_4f0c2a9e', pattern: ID_PATTERN.source })
  @IsString()
  @Matches(ID_PATTERN, { message: 'id must be 1–64 letters, digits, "_" or "-"' })
  id!: string;
}

export class EmployerParams {
  @ApiProperty({ description: 'Employer id', example: 'org_7d2e91', pattern: ID_PATTERN.source })
  @IsString()
  @Matches(ID_PATTERN, { message: 'employerId must be 1–64 letters, digits, "_" or "-"' })
  employerId!: string;
}
