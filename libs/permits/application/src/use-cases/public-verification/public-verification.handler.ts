import { PermitErrors, PermitNumber, type Permit, type Worker } from '@frontera/permits-domain';
import type { Clock } from '@frontera/shared-application';
import type {
  EmployerStandingRepository,
  PermitRepository,
  StoredStanding,
  WorkerRepository,
} from '../../ports/repositories.port';
import type {
  PublicVerification,
  VerifyByNumberQuery,
  VerifyByTokenQuery,
} from './public-verification.query';

/**
 * What a miss reads instead of the found permit's employer standing and worker, and looks a number
 * up by when it does not parse: no stored record has these keys (ids match the kernel's ID_PATTERN,
 * which has no `#`; stored numbers are compact, checked numbers).
 */
export const VERIFICATION_DECOY = Object.freeze({
  employerId: '#verification-decoy',
  workerId: '#verification-decoy',
  compactNumber: '#verification-decoy',
});

export interface PublicVerificationDeps {
  readonly permits: Pick<PermitRepository, 'findByVerificationToken' | 'findByNumber'>;
  readonly workers: Pick<WorkerRepository, 'findById'>;
  readonly standings: Pick<EmployerStandingRepository, 'find'>;
  readonly clock: Clock;
}

/**
 * Public verification, without login: by the QR code's token, or by the permit number with the
 * worker's year of birth. The answer is `Permit.publicView` with the employer's public name (the
 * standing read model) and the worker's initials — nothing else.
 *
 * So that permits cannot be enumerated, every miss — an unknown token, an unknown number, a number
 * with a wrong check character, a year of birth that is not the worker's — is the same
 * PERMIT.VERIFICATION_NO_MATCH, after the same work: one permit lookup by an indexed key, then the
 * standing and the worker read together, the found permit's or decoys ({@link VERIFICATION_DECOY})
 * when there is none. A number that does not parse is looked up too (by the decoy key), so a wrong
 * check character costs what an unknown number costs. Three round trips on every path, hits and
 * misses alike (counted by services/permits/test/http/public-verification.int-spec.ts, timed by
 * public-verification-timing.int-spec.ts).
 */
export class PublicVerificationHandler {
  constructor(private readonly deps: PublicVerificationDeps) {}

  async byToken(query: VerifyByTokenQuery): Promise<PublicVerification> {
    const permit = await this.deps.permits.findByVerificationToken(query.token);
    const { worker, standing } = await this.relatedTo(permit);
    if (permit === null || worker === null) throw PermitErrors.VERIFICATION_NO_MATCH.create();
    return this.answer(permit, worker, standing);
  }

  async byNumber(query: VerifyByNumberQuery): Promise<PublicVerification> {
    const number = PermitNumber.tryParse(query.number);
    const permit = await this.deps.permits.findByNumber(number?.compact ?? VERIFICATION_DECOY.compactNumber);
    const { worker, standing } = await this.relatedTo(permit);
    if (permit === null || worker === null || worker.birthYear !== query.birthYear) {
      throw PermitErrors.VERIFICATION_NO_MATCH.create();
    }
    return this.answer(permit, worker, standing);
  }

  /** The permit's standing and worker, or the decoys' (null) when there is no permit: the same two reads. */
  private async relatedTo(
    permit: Permit | null,
  ): Promise<{ worker: Worker | null; standing: StoredStanding | null }> {
    const [standing, worker] = await Promise.all([
      this.deps.standings.find(permit?.employerId ?? VERIFICATION_DECOY.employerId),
      this.deps.workers.findById(permit?.workerId ?? VERIFICATION_DECOY.workerId),
    ]);
    return { standing, worker };
  }

  private answer(permit: Permit, worker: Worker, standing: StoredStanding | null): PublicVerification {
    const view = permit.publicView(this.deps.clock.now());
    return {
      valid: view.valid,
      status: view.status,
      lastValidDay: view.lastValidDay,
      employerPublicName: standing?.standing.publicName ?? null,
      workerInitials: worker.initials,
    };
  }
}
