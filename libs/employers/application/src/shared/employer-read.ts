import type { Employer } from '@frontera/employers-domain';
import {
  maySeeRiskAssessment,
  personalDataAccess,
  type PersonalDataAccess,
  type ReadContext,
} from '../authorization/employer-access.policy';
import type { Actor } from './actor';

/**
 * An employer as one actor may read it: the aggregate plus what the policy lets this actor see.
 * The HTTP layer renders it (masking personal data when `personalData` is MASKED).
 */
export interface EmployerRead {
  readonly employer: Employer;
  readonly personalData: PersonalDataAccess;
  readonly riskAssessment: boolean;
}

export function readFor(actor: Actor, employer: Employer, context: ReadContext = 'RECORD'): EmployerRead {
  return {
    employer,
    personalData: personalDataAccess(actor, context),
    riskAssessment: maySeeRiskAssessment(actor),
  };
}
