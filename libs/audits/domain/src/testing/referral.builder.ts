import type { ReferralAgency } from '@frontera/shared-kernel';
import { Referral } from '../referral/referral.aggregate';
import type { ReferralOutcome, ReferralStatus } from '../referral/referral.types';
import type { AuditTask } from '../task/audit-task.aggregate';
import { aSupervisor } from './actors';
import { anAuditTask } from './audit-task.builder';
import { aComplaint } from './complaint.builder';
import { minutesAfter, T0 } from './clock';
import { nextId } from './ids';

/**
 * A Referral created from a REFERRAL audit (debt bondage at ws-1 of emp-1, Chiapas) or a complaint, and
 * brought to the requested status, events pulled: `aReferral().to('VICTIM_SERVICES').acknowledged()`,
 * `aReferral().fromComplaint().closed('CASE_OPENED')`.
 */
export class ReferralBuilder {
  private agency: ReferralAgency = 'FEDERAL_PROSECUTOR';
  private source: 'AUDIT' | 'COMPLAINT' = 'AUDIT';
  private task: AuditTask | null = null;
  private target: ReferralStatus = 'AWAITING_ACKNOWLEDGEMENT';
  private outcome: ReferralOutcome = 'CASE_OPENED';
  private createdAt: Date = T0;

  to(agency: ReferralAgency): this {
    this.agency = agency;
    return this;
  }

  fromAudit(task: AuditTask): this {
    this.source = 'AUDIT';
    this.task = task;
    return this;
  }

  fromComplaint(): this {
    this.source = 'COMPLAINT';
    return this;
  }

  createdOn(instant: Date): this {
    this.createdAt = instant;
    return this;
  }

  acknowledged(): this {
    this.target = 'ACKNOWLEDGED';
    return this;
  }

  closed(outcome: ReferralOutcome = 'CASE_OPENED'): this {
    this.outcome = outcome;
    this.target = 'CLOSED';
    return this;
  }

  inStatus(status: ReferralStatus): this {
    this.target = status;
    return this;
  }

  build(): Referral {
    let minute = 0;
    const tick = () => minutesAfter(this.createdAt, minute++);
    const command = { referralId: nextId('referral'), agency: this.agency };
    const referral =
      this.source === 'AUDIT'
        ? Referral.fromAudit(
            command,
            this.task ??
              anAuditTask()
                .withFinding({ code: 'DEBT_BONDAGE', permitIds: ['permit-0001'] })
                .withFinding({ code: 'RETENTION_OF_IDENTITY_DOCUMENTS', permitIds: ['permit-0001'] })
                .completed()
                .build(),
            aSupervisor(),
            tick(),
          )
        : Referral.fromComplaint(
            { ...command, reason: 'Víctima en riesgo: se remite antes de la visita' },
            aComplaint().withIndicators(['ISOLATION', 'WAGE_BELOW_MINIMUM']).build(),
            aSupervisor(),
            tick(),
          );
    if (this.target === 'ACKNOWLEDGED')
      referral.acknowledge({ agencyReference: 'FEVIMTRA/CHP/0042/2026' }, aSupervisor(), tick());
    if (this.target === 'CLOSED')
      referral.close({ outcome: this.outcome, victimsAssisted: 3 }, aSupervisor(), tick());
    referral.pullEvents();
    return referral;
  }
}

export function aReferral(): ReferralBuilder {
  return new ReferralBuilder();
}
