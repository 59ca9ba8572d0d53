import type { MexicanState } from '@frontera/shared-kernel';
import type { PermitOptions, PermitValidity } from '../permit/permit.config';
import { Permit } from '../permit/permit.aggregate';
import { PermitNumber } from '../permit/permit-number.value-object';
import type { PermitSnapshot } from '../permit/permit.snapshot';
import type { PermitStatus, TransferCause } from '../permit/permit.types';
import { anEmployerUser, anOfficer } from './actors';
import { aPermitApplication } from './application.builder';
import { daysAfter, minutesAfter, T0 } from './clock';
import { nextId } from './ids';
import { aRandomPart, aVerificationToken } from './random';

type Target = PermitStatus | 'TRANSFERRED';

/**
 * A Permit, issued from an approved application through the aggregates' own methods and brought to
 * the requested state, events pulled: `aPermit().active()`, `aPermit().suspended()`,
 * `aPermit().transferable()`, `aPermit().inState('ROO').withValidity({ days: 10 })`.
 * Default: ACTIVE, issued at T0 for a start on 2 March 2026 in Chiapas, valid one year.
 */
export class PermitBuilder {
  private permitId: string | null = null;
  private employerId = 'emp-1';
  private worksiteId = 'ws-1';
  private workerId: string | null = null;
  private state: MexicanState = 'CHP';
  private startDate = '2026-03-02';
  private options: PermitOptions = {};
  private target: Target = 'ACTIVE';
  private transferableFor: { days: number; cause: TransferCause } | null = null;
  private random: string | null = null;
  private transferredFrom: Permit | null = null;

  withId(permitId: string): this {
    this.permitId = permitId;
    return this;
  }

  forEmployer(employerId: string): this {
    this.employerId = employerId;
    return this;
  }

  atWorksite(worksiteId: string): this {
    this.worksiteId = worksiteId;
    return this;
  }

  forWorker(workerId: string): this {
    this.workerId = workerId;
    return this;
  }

  inState(state: MexicanState): this {
    this.state = state;
    return this;
  }

  startingOn(startDate: string): this {
    this.startDate = startDate;
    return this;
  }

  withOptions(options: PermitOptions): this {
    this.options = { ...this.options, ...options };
    return this;
  }

  withValidity(validity: PermitValidity): this {
    return this.withOptions({ validity });
  }

  withRandomPart(random: string): this {
    this.random = random;
    return this;
  }

  /** Issued by a TRANSFER application from `old` (which must be transferable); `old` is not changed. */
  issuedByTransferFrom(old: Permit): this {
    this.transferredFrom = old;
    return this;
  }

  inStatus(status: PermitStatus): this {
    this.target = status;
    return this;
  }

  active(): this {
    return this.inStatus('ACTIVE');
  }

  suspended(): this {
    return this.inStatus('SUSPENDED');
  }

  revoked(): this {
    return this.inStatus('REVOKED');
  }

  expired(): this {
    return this.inStatus('EXPIRED');
  }

  /** ENDED by the employer's report of the end of employment. */
  ended(): this {
    return this.inStatus('ENDED');
  }

  /** ENDED with reason TRANSFERRED (made transferable, then a new permit issued elsewhere). */
  transferred(): this {
    this.target = 'TRANSFERRED';
    this.transferableFor ??= { days: 90, cause: 'EMPLOYER_DEREGISTERED' };
    return this;
  }

  /** Made transferable for `days` from issuance (before reaching the target status). */
  transferable(days = 90, cause: TransferCause = 'EMPLOYER_SUSPENDED_CRITICAL_FINDINGS'): this {
    this.transferableFor = { days, cause };
    return this;
  }

  build(): Permit {
    let minute = 0;
    const tick = () => minutesAfter(T0, minute++);
    const application = aPermitApplication()
      .forEmployer(this.employerId)
      .atWorksite(this.worksiteId, this.state)
      .startingOn(this.startDate);
    if (this.transferredFrom) application.transferFrom(this.transferredFrom);
    else application.forWorker(this.workerId ?? nextId('worker'));
    const { approved } = application.buildApproved();
    minute = 10;
    const permit = Permit.issue(
      {
        permitId: this.permitId ?? nextId('permit'),
        application: approved,
        number: PermitNumber.issue({ state: this.state, year: 2026, random: this.random ?? aRandomPart() }),
        verificationToken: aVerificationToken(),
      },
      this.options,
      tick(),
    );
    if (this.transferableFor) {
      const now = tick();
      permit.makeTransferable(daysAfter(now, this.transferableFor.days), this.transferableFor.cause, now);
    }
    switch (this.target) {
      case 'ACTIVE':
        break;
      case 'SUSPENDED':
        permit.suspend(anOfficer(), 'Worker reported retention of documents', tick());
        break;
      case 'REVOKED':
        permit.revoke(anOfficer(), 'Permit obtained with a forged document', tick());
        break;
      case 'ENDED':
        permit.endEmployment(anEmployerUser(), 'Harvest season over', tick());
        break;
      case 'EXPIRED':
        permit.expire(minutesAfter(permit.validUntil, 1));
        break;
      case 'TRANSFERRED':
        permit.transferredTo(nextId('permit'), tick(), 'employer-new');
        break;
    }
    permit.pullEvents();
    return permit;
  }

  buildSnapshot(): PermitSnapshot {
    return this.build().toSnapshot();
  }
}

export const aPermit = (): PermitBuilder => new PermitBuilder();
