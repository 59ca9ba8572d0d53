import {
  employerFactsOf,
  worksiteFactsOf,
  type EligibilityContext,
  type Worker,
} from '@frontera/permits-domain';
import type { EmployerStandingRepository, PermitRepository } from '../ports/repositories.port';

export interface EligibilityContextDeps {
  readonly permits: PermitRepository;
  readonly standings: EmployerStandingRepository;
}

/**
 * The facts eligibility decides on, gathered from the service's own data: the employer and its
 * worksite from the standing read model (kept from employer events), the worker's permits, the
 * worksite's headcount (ACTIVE + SUSPENDED permits there) and the permit a transfer or renewal
 * replaces. Four reads, sent together.
 */
export async function eligibilityContextFor(
  deps: EligibilityContextDeps,
  input: {
    readonly worker: Worker;
    readonly employerId: string;
    readonly worksiteId: string;
    readonly replacesPermitId: string | null;
  },
): Promise<EligibilityContext> {
  const [stored, held, headcount, replaced] = await Promise.all([
    deps.standings.find(input.employerId),
    input.worker.persistedVersion === 0 ? Promise.resolve([]) : deps.permits.ofWorker(input.worker.id),
    deps.permits.countHeldAtWorksite(input.worksiteId),
    input.replacesPermitId === null ? Promise.resolve(null) : deps.permits.findById(input.replacesPermitId),
  ]);
  const standing = stored?.standing ?? null;
  return {
    worker: { ...input.worker.eligibilityFacts(), heldPermits: held.map((p) => p.heldPermitFacts()) },
    employer: employerFactsOf(standing),
    worksite: worksiteFactsOf(standing, input.worksiteId, headcount),
    replacedPermit: replaced?.replacedPermitFacts() ?? null,
  };
}
