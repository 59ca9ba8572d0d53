/*
 * Value sets of the employer aggregate that only this context uses. The values it shares with the
 * event contracts and the other contexts (kinds, statuses, ratings, sectors, states) come from
 * @frontera/shared-kernel.
 */

/** OFFICER_DECISION: an officer suspended. CRITICAL_FINDINGS: an audit found critical violations or forced-labour indicators. */
export const SUSPENSION_CAUSES = ['OFFICER_DECISION', 'CRITICAL_FINDINGS'] as const;
export type SuspensionCause = (typeof SUSPENSION_CAUSES)[number];
