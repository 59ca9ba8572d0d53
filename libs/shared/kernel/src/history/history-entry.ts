import type { CallerIdentity } from '../callers/caller';

/**
 * One change in an aggregate's history (a worker, an application, a permit, an audit task, a
 * complaint…): who, when, which action, which field, old → new, why. Personal data, and free text
 * that may hold it, is recorded as "changed" with no values (`personalData: true`, `from`/`to`
 * null): histories are read by many people and kept for years, while the current values live
 * encrypted on the record.
 */
export interface HistoryEntry {
  /** The aggregate version the change produced; entries of one command share it. */
  readonly version: number;
  readonly at: string;
  readonly actor: CallerIdentity;
  /** The command, e.g. `REGISTER`, `SUSPEND`, `RENEW`, `ASSIGN`, `TRIAGE`. */
  readonly action: string;
  /** e.g. `status`, `validUntil`, `identityDocument.number`, `inspectorId`. */
  readonly field: string;
  readonly personalData: boolean;
  /** Old and new value; null when not recorded (personal data) or absent. */
  readonly from: string | null;
  readonly to: string | null;
  /** Human-readable, e.g. "ACTIVE → SUSPENDED" or "changed (personal data, values not recorded)". */
  readonly summary: string;
  readonly reason: string | null;
  /** Another record the change concerns: the new permit of a transfer, the inspector assigned. */
  readonly relatedId: string | null;
}

/** The summary of a change of personal data: that it changed, never the values. */
export const PERSONAL_DATA_SUMMARY = 'changed (personal data, values not recorded)';

export function describeChange(from: string | null, to: string | null, personalData: boolean): string {
  if (personalData) return PERSONAL_DATA_SUMMARY;
  return `${from ?? '∅'} → ${to ?? '∅'}`;
}

export interface HistoryContext {
  readonly version: number;
  readonly now: Date;
  readonly actor: CallerIdentity;
  readonly action: string;
  readonly reason: string | null;
  readonly relatedId?: string | null;
}

export function historyEntry(
  ctx: HistoryContext,
  field: string,
  from: string | null,
  to: string | null,
  personalData = false,
): HistoryEntry {
  return Object.freeze({
    version: ctx.version,
    at: ctx.now.toISOString(),
    actor: { id: ctx.actor.id, role: ctx.actor.role },
    action: ctx.action,
    field,
    personalData,
    from: personalData ? null : from,
    to: personalData ? null : to,
    summary: describeChange(from, to, personalData),
    reason: ctx.reason,
    relatedId: ctx.relatedId ?? null,
  });
}
