import type { FindingSeverity, Sector } from '@frontera/shared-kernel';
import { findingDefinition } from '../findings/finding-catalogue';
import type { RetaliationPattern } from '../retaliation/retaliation.policy';
import type {
  EmployerRiskProfile,
  HeldPermit,
  OpenComplaint,
  PastFinding,
  SharedContactEvidence,
} from '../risk/risk-scoring.policy';
import { daysAgo, T0 } from './clock';
import { nextId } from './ids';

/**
 * An EmployerRiskProfile as the service would accumulate it, relative to a reference instant (T0 by
 * default): `aRiskProfile().inSector('COFFEE').withHeldPermits(60, { issuedDaysAgo: 400 })
 * .withFinding('DEBT_BONDAGE', { daysAgo: 30 }).lastAuditedDaysAgo(100).build()`.
 * Default: sector OTHER, verified 10 days ago, nothing else.
 */
export class RiskProfileBuilder {
  private employerId = 'emp-1';
  private sector: Sector | null = 'OTHER';
  private verifiedAt: string | null;
  private lastAuditCompletedAt: string | null = null;
  private readonly heldPermits: HeldPermit[] = [];
  private readonly findings: PastFinding[] = [];
  private readonly openComplaints: OpenComplaint[] = [];
  private readonly sharedContactSignals: SharedContactEvidence[] = [];
  private readonly retaliationPatterns: RetaliationPattern[] = [];

  constructor(private readonly now: Date = T0) {
    this.verifiedAt = daysAgo(10, now);
  }

  forEmployer(employerId: string): this {
    this.employerId = employerId;
    return this;
  }

  inSector(sector: Sector | null): this {
    this.sector = sector;
    return this;
  }

  verifiedDaysAgo(days: number | null): this {
    this.verifiedAt = days === null ? null : daysAgo(days, this.now);
    return this;
  }

  lastAuditedDaysAgo(days: number | null): this {
    this.lastAuditCompletedAt = days === null ? null : daysAgo(days, this.now);
    return this;
  }

  withHeldPermits(count: number, options: { issuedDaysAgo?: number } = {}): this {
    for (let i = 0; i < count; i++) {
      this.heldPermits.push({
        permitId: nextId('permit'),
        issuedAt: daysAgo(options.issuedDaysAgo ?? 200, this.now),
      });
    }
    return this;
  }

  /** A finding of the catalogue (its severity and indicator flag unless overridden). */
  withFinding(
    code: string,
    options: { daysAgo?: number; severity?: FindingSeverity; taskId?: string } = {},
  ): this {
    const definition = findingDefinition(code);
    this.findings.push({
      taskId: options.taskId ?? nextId('task'),
      code,
      severity: options.severity ?? definition?.severity ?? 'SERIOUS',
      forcedLabourIndicator: definition?.forcedLabourIndicator ?? false,
      completedAt: daysAgo(options.daysAgo ?? 30, this.now),
    });
    return this;
  }

  withOpenComplaint(
    options: { forcedLabourIndicator?: boolean; daysAgo?: number; complaintId?: string } = {},
  ): this {
    this.openComplaints.push({
      complaintId: options.complaintId ?? nextId('complaint'),
      receivedAt: daysAgo(options.daysAgo ?? 5, this.now),
      forcedLabourIndicator: options.forcedLabourIndicator ?? false,
    });
    return this;
  }

  withSharedContactSignal(workerCount: number, options: { daysAgo?: number } = {}): this {
    this.sharedContactSignals.push({
      signalId: nextId('signal'),
      workerCount,
      receivedAt: daysAgo(options.daysAgo ?? 10, this.now),
    });
    return this;
  }

  withRetaliationPattern(pattern: RetaliationPattern): this {
    this.retaliationPatterns.push(pattern);
    return this;
  }

  build(): EmployerRiskProfile {
    return {
      employerId: this.employerId,
      sector: this.sector,
      verifiedAt: this.verifiedAt,
      heldPermits: [...this.heldPermits],
      findings: [...this.findings],
      openComplaints: [...this.openComplaints],
      lastAuditCompletedAt: this.lastAuditCompletedAt,
      sharedContactSignals: [...this.sharedContactSignals],
      retaliationPatterns: [...this.retaliationPatterns],
    };
  }
}

export function aRiskProfile(now: Date = T0): RiskProfileBuilder {
  return new RiskProfileBuilder(now);
}
