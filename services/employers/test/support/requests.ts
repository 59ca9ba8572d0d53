import type { MexicanState } from '@frontera/employers-domain';
import {
  aRegistration,
  anRfc,
  aWorksite,
  type RegistrationBuilder,
  type WorksiteBuilder,
} from '@frontera/employers-domain/testing';
import type { RegisterEmployerRequest } from '../../src/http/dto/register-employer.request';
import type { AddWorksiteRequest } from '../../src/http/dto/worksite.request';

/** The JSON body of POST /employers, from the domain's registration builder (RFC check digit computed). */
export function aRegistrationRequest(
  builder: RegistrationBuilder = aRegistration(),
): RegisterEmployerRequest {
  const { employerId: _assignedByTheToken, ...body } = builder.build();
  return JSON.parse(JSON.stringify(body)) as RegisterEmployerRequest;
}

export function aCompanyIn(state: MexicanState, municipality?: string): RegisterEmployerRequest {
  return aRegistrationRequest(
    aRegistration().company().withRfc(anRfc().forCompany()).inState(state, municipality),
  );
}

export function anIndividualIn(state: MexicanState): RegisterEmployerRequest {
  return aRegistrationRequest(aRegistration().individual().inState(state));
}

/** The JSON body of POST /employers/:id/worksites. */
export function aWorksiteRequest(builder: WorksiteBuilder = aWorksite()): AddWorksiteRequest {
  const { worksiteId: _madeByTheService, ...body } = builder.build();
  return JSON.parse(JSON.stringify(body)) as AddWorksiteRequest;
}
