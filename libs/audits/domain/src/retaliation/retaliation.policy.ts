import { AuditErrors } from '../errors/audit-errors';
import { assertId, DAY_MS, instantOf, iso, requireInteger, requireNumber } from '../shared/validation';

/** What may provoke retaliation: a complaint against the employer, or an audit visit (a task started on site). */
export const RETALIATION_TRIGGER_KINDS = ['COMPLAINT', 'AUDIT_VISIT'] as const;
export type RetaliationTriggerKind = (typeof RETALIATION_TRIGGER_KINDS)[number];

export interface RetaliationTrigger {
  readonly kind: RetaliationTriggerKind;
  /** The complaint id or the audit task id. */
  readonly id: string;
  /** ISO-8601: when the complaint was received, or when the visit started. */
  readonly at: string;
}

/** A permit of one of the employer's workers that ended (from the permits context's events). */
export interface PermitEnding {
  readonly permitId: string;
  /** ISO-8601. */
  readonly endedAt: string;
  /** The permits context's end reason or cause (EMPLOYMENT_ENDED, TRANSFERRED, REVOKED, EXPIRED…). */
  readonly endReason: string;
}

/**
 * Only the employer's own act counts: the employer reported the end of employment. A permit that
 * expired, was revoked by an officer or moved with its worker to another employer is not retaliation.
 */
export const RETALIATION_END_REASONS: readonly string[] = Object.freeze(['EMPLOYMENT_ENDED']);

export interface RetaliationOptions {
  /** Endings within this many days after a trigger count: 30. */
  readonly windowDays?: number;
  /** At least this many endings in the window: 2. */
  readonly minEndings?: number;
  /**
   * And at least this many times the endings of the same-length window before the trigger (the
   * employer's ordinary turnover, e.g. the end of a harvest): 2. With none before, any count ≥
   * minEndings is a pattern.
   */
  readonly baselineRatio?: number;
}

export interface RetaliationPolicy {
  readonly windowDays: number;
  readonly minEndings: number;
  readonly baselineRatio: number;
}

export const DEFAULT_RETALIATION_POLICY: RetaliationPolicy = Object.freeze({
  windowDays: 30,
  minEndings: 2,
  baselineRatio: 2,
});

export function retaliationPolicy(options: RetaliationOptions = {}): RetaliationPolicy {
  const INVALID = AuditErrors.INVALID_OPTIONS;
  const d = DEFAULT_RETALIATION_POLICY;
  return Object.freeze({
    windowDays: requireInteger(options.windowDays ?? d.windowDays, 'retaliation.windowDays', 1, 365, INVALID),
    minEndings: requireInteger(
      options.minEndings ?? d.minEndings,
      'retaliation.minEndings',
      1,
      1000,
      INVALID,
    ),
    baselineRatio: requireNumber(
      options.baselineRatio ?? d.baselineRatio,
      'retaliation.baselineRatio',
      1,
      100,
      INVALID,
    ),
  });
}

/** A detected pattern: the evidence the risk factor lists and the priority audit cites. */
export interface RetaliationPattern {
  /** `COMPLAINT:<id>` or `AUDIT_VISIT:<id>`: one priority audit per key (the plan remembers the keys it raised). */
  readonly key: string;
  readonly trigger: RetaliationTrigger;
  readonly windowDays: number;
  /** ISO-8601, trigger + window. */
  readonly windowEndsAt: string;
  /** Permits ended by the employer within the window, sorted. */
  readonly endedPermitIds: readonly string[];
  readonly endingsAfter: number;
  /** Employer endings in the same-length window before the trigger. */
  readonly endingsBefore: number;
}

/**
 * Retaliation detection (docs/domain/audits.md#retaliation), a pure function over the events the
 * service keeps for an employer: for each trigger (a complaint against the employer, an audit visit),
 * the permits the employer ended in the `windowDays` after it — at least `minEndings`, and at least
 * `baselineRatio` times as many as in the same-length window before (so a harvest ending for everyone
 * is not read as retaliation unless it jumps after the visit). Returns the patterns sorted by trigger
 * time; the same events always give the same patterns (recompute on every event, raise the priority
 * audit for keys not raised before).
 */
export function detectRetaliation(
  triggers: readonly RetaliationTrigger[],
  endings: readonly PermitEnding[],
  policy: RetaliationPolicy = DEFAULT_RETALIATION_POLICY,
): RetaliationPattern[] {
  const INVALID = AuditErrors.RISK_INVALID_PROFILE;
  const window = policy.windowDays * DAY_MS;
  const byPermit = new Map<string, number>();
  endings.forEach((ending, i) => {
    const permitId = assertId(ending?.permitId, `endings[${i}].permitId`);
    const at = instantOf(ending.endedAt, `endings[${i}].endedAt`, INVALID).getTime();
    if (!RETALIATION_END_REASONS.includes(ending.endReason)) return;
    // one ending per permit (a redelivered event is the same ending)
    const known = byPermit.get(permitId);
    if (known === undefined || at < known) byPermit.set(permitId, at);
  });
  const employerEndings = [...byPermit.entries()];
  const seen = new Set<string>();
  const patterns: RetaliationPattern[] = [];
  triggers.forEach((trigger, i) => {
    if (!(RETALIATION_TRIGGER_KINDS as readonly string[]).includes(trigger?.kind)) {
      throw INVALID.create({
        field: `triggers[${i}].kind`,
        constraint: 'UNKNOWN_VALUE',
        allowed: RETALIATION_TRIGGER_KINDS,
      });
    }
    const id = assertId(trigger.id, `triggers[${i}].id`);
    const key = `${trigger.kind}:${id}`;
    if (seen.has(key)) return;
    seen.add(key);
    const at = instantOf(trigger.at, `triggers[${i}].at`, INVALID).getTime();
    const after = employerEndings
      .filter(([, t]) => t > at && t <= at + window)
      .map(([permitId]) => permitId)
      .sort();
    const before = employerEndings.filter(([, t]) => t >= at - window && t <= at).length;
    if (after.length < policy.minEndings) return;
    if (after.length < policy.baselineRatio * before) return;
    patterns.push({
      key,
      trigger: { kind: trigger.kind, id, at: iso(new Date(at)) },
      windowDays: policy.windowDays,
      windowEndsAt: iso(new Date(at + window)),
      endedPermitIds: after,
      endingsAfter: after.length,
      endingsBefore: before,
    });
  });
  return patterns.sort(
    (a, b) => Date.parse(a.trigger.at) - Date.parse(b.trigger.at) || a.key.localeCompare(b.key),
  );
}
