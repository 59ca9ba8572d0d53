import { PermitErrors, type PermitStatus } from '@frontera/permits-domain';
import { MEXICAN_STATE_NAMES, type Caller, type MexicanState } from '@frontera/shared-kernel';
import { mayAttempt, mayOperateOn } from '../../authorization/permits-access.policy';
import type {
  EmployerStandingRepository,
  PermitRepository,
  WorkerRepository,
} from '../../ports/repositories.port';
import { PermitsCommandErrors } from '../../shared/permits-command.runners';

/**
 * What the printable card of a permit shows (docs/domain/permits.md, "Card"), gathered from the
 * permit, its worker (name and photo reference, decrypted by the worker repository), the employer
 * standing read model and the kernel's state names. PERSONAL DATA (the name, the photo reference)
 * and the verification token (a bearer secret): a response body, never logged.
 */
export interface PermitCardData {
  /** As printed, `TVTF-CHP-26-K7Q9-M2XW-C`. */
  readonly permitNumber: string;
  /** Given names and surnames as on the identity document, `José Luis Pérez López`. */
  readonly workerFullName: string;
  /** The stored photo's reference, or null when the worker has none. */
  readonly photoReference: string | null;
  /** The employer's public name, or null when it has none (an individual). */
  readonly employerPublicName: string | null;
  /** The employer's registration number (PE-…), or null when the read model has none. */
  readonly employerRegistrationNumber: string | null;
  readonly state: MexicanState;
  readonly stateName: string;
  /** `YYYY-MM-DD`, first valid day. */
  readonly validFrom: string;
  /** `YYYY-MM-DD`, last valid day. */
  readonly lastValidDay: string;
  readonly status: PermitStatus;
  /** The QR code's token. */
  readonly verificationToken: string;
}

export interface PermitCardDeps {
  readonly permits: Pick<PermitRepository, 'findById'>;
  readonly workers: Pick<WorkerRepository, 'findById'>;
  readonly standings: Pick<EmployerStandingRepository, 'find'>;
}

/**
 * PRINT_CARD: the permit's employer and officers of its state (access policy). Another role is 403
 * before anything is read; a permit that is absent or out of the caller's scope is the same 404
 * PERMIT.NOT_FOUND (docs/decisions/0002). Three reads: the permit, then its worker and its
 * employer's standing together.
 */
export class PermitCardHandler {
  constructor(private readonly deps: PermitCardDeps) {}

  async execute(permitId: string, caller: Caller): Promise<PermitCardData> {
    const role = mayAttempt(caller, 'PRINT_CARD');
    if (!role.allowed) throw PermitsCommandErrors.ACCESS_DENIED.create({ reason: role.reason });
    const permit = await this.deps.permits.findById(permitId);
    if (permit === null || !mayOperateOn(caller, 'PRINT_CARD', permit).allowed) {
      throw PermitErrors.NOT_FOUND.create({ permitId });
    }
    const [worker, stored] = await Promise.all([
      this.deps.workers.findById(permit.workerId),
      this.deps.standings.find(permit.employerId),
    ]);
    if (worker === null) {
      // A permit always has its worker (merges repoint permits to the survivor): stored data is broken.
      throw new Error(`permit ${permit.id}: its worker ${permit.workerId} is not in the register`);
    }
    const name = worker.name;
    return {
      permitNumber: permit.number.value,
      workerFullName: [name.givenNames, name.firstSurname, name.secondSurname ?? '']
        .filter((part) => part !== '')
        .join(' '),
      photoReference: worker.photoReference,
      employerPublicName: stored?.standing.publicName ?? null,
      employerRegistrationNumber: stored?.standing.registrationNumber ?? null,
      state: permit.state,
      stateName: MEXICAN_STATE_NAMES[permit.state],
      validFrom: permit.validFrom.toString(),
      lastValidDay: permit.lastValidDay.toString(),
      status: permit.status,
      verificationToken: permit.verificationToken.value,
    };
  }
}
