import type { Employer } from '@frontera/employers-domain';
import {
  maySeeRiskAssessment,
  personalDataAccess,
  type PersonalDataAccess,
  type ReadContext,
} from '../authorization/employer-access.policy';
import type { Caller } from '@frontera/shared-kernel';

/**
 * An employer as one caller may read it: the aggregate plus what the policy lets this caller see.
 * The HTTP layer renders it (masking personal data when `personalData` is MASKED).
 */
export interface EmployerRead {
  readonly employer: Employer;
  readonly personalData: PersonalDataAccess;
  readonly riskAssessment: boolean;
}

export function readFor(caller: Caller, employer: Employer, context: ReadContext = 'RECORD'): EmployerRead {
  return {
    employer,
    personalData: personalDataAccess(caller, context),
    riskAssessment: maySeeRiskAssessment(caller),
  };
}
