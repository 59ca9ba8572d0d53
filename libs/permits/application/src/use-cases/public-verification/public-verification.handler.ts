import { PermitErrors, PermitNumber, verificationStatusAt } from '@frontera/permits-domain';
import type { Clock } from '@frontera/shared-application';
import type { PermitVerificationReadModel, StoredVerification } from '../../ports/permit-verifications.port';
import type {
  PublicVerification,
  VerifyByNumberQuery,
  VerifyByTokenQuery,
} from './public-verification.query';

/**
 * What a number that does not parse is looked up by: no entry has it (stored numbers are compact,
 * checked numbers; this has a `#`).
 */
export const VERIFICATION_DECOY = Object.freeze({
  compactNumber: '#verification-decoy',
});

export interface PublicVerificationDeps {
  readonly verifications: Pick<PermitVerificationReadModel, 'byToken' | 'byNumber'>;
  readonly clock: Clock;
}

/**
 * Public verification, without login: by the QR code's token, or by the permit number with the
 * worker's year of birth. The answer is valid or not (at this moment), status, last valid day, the
 * employer's public name and the worker's initials — nothing else — from the verification read
 * model (decision 0036), kept by ProjectPermitVerificationHandler.
 *
 * So that permits cannot be enumerated, every miss — an unknown token, an unknown number, a number
 * with a wrong check character, a year of birth that is not the worker's — is the same
 * PERMIT.VERIFICATION_NO_MATCH, after the same work: ONE read of the read model by an indexed key
 * (decision 0032). A number that does not parse is looked up too (by the decoy key), and the year
 * of birth is checked on every path, found or not (the adapter's digest), so a wrong check
 * character costs what an unknown number costs (counted by
 * services/permits/test/http/public-verification.int-spec.ts).
 */
export class PublicVerificationHandler {
  constructor(private readonly deps: PublicVerificationDeps) {}

  async byToken(query: VerifyByTokenQuery): Promise<PublicVerification> {
    const entry = await this.deps.verifications.byToken(query.token);
    if (entry === null) throw PermitErrors.VERIFICATION_NO_MATCH.create();
    return this.answer(entry);
  }

  async byNumber(query: VerifyByNumberQuery): Promise<PublicVerification> {
    const number = PermitNumber.tryParse(query.number);
    const { entry, birthYearMatches } = await this.deps.verifications.byNumber(
      number?.compact ?? VERIFICATION_DECOY.compactNumber,
      query.birthYear,
    );
    if (entry === null || !birthYearMatches) throw PermitErrors.VERIFICATION_NO_MATCH.create();
    return this.answer(entry);
  }

  private answer(entry: StoredVerification): PublicVerification {
    const status = verificationStatusAt(entry, this.deps.clock.now());
    return {
      valid: status.valid,
      status: status.status,
      lastValidDay: status.lastValidDay,
      employerPublicName: entry.employerPublicName,
      workerInitials: entry.workerInitials,
    };
  }
}
