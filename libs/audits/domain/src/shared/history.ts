import type { CallerIdentity } from '@frontera/shared-kernel';

/**
 * One change in a task's, plan's, inspector's, complaint's or referral's history: who, when, which
 * action, which field, old → new, why. Personal data and free text that may hold it (a complaint's
 * description, a finding's notes, contact data) are recorded as "changed" without values
 * (`personalData: true`, `from`/`to` null): histories are read by many people and kept for years.
 */
export interface HistoryEntry {
  /** The aggregate version the change produced; entries of one command share it. */
  readonly version: number;
  readonly at: string;
  readonly actor: CallerIdentity;
  /** The command, e.g. `ASSIGN`, `COMPLETE`, `TRIAGE`, `ACKNOWLEDGE`. */
  readonly action: string;
  /** e.g. `status`, `inspectorId`, `findings`, `contact`. */
  readonly field: string;
  readonly personalData: boolean;
  readonly from: string | null;
  readonly to: string | null;
  /** Human-readable, e.g. "ASSIGNED → IN_PROGRESS" or "changed (personal data, values not recorded)". */
  readonly summary: string;
  readonly reason: string | null;
  /** Another record the change concerns: the inspector assigned, the task a triage created. */
  readonly relatedId: string | null;
}

export const PERSONAL_DATA_SUMMARY = 'changed (personal data, values not recorded)';

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
    summary: personalData ? PERSONAL_DATA_SUMMARY : `${from ?? '∅'} → ${to ?? '∅'}`,
    reason: ctx.reason,
    relatedId: ctx.relatedId ?? null,
  });
}
