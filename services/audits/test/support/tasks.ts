import { uniqueName, waitFor } from '@frontera/platform-testing';
import type { MexicanState } from '@frontera/shared-kernel';
import { PLANS_COLLECTION, TASKS_COLLECTION } from '../../src/persistence/audits.schemas';
import {
  anInspector,
  aVerifiedEmployer,
  type AuditsTestHarness,
  type GivenEmployer,
} from './audits-test-app';

/** A municipality name of the test's own, so only the inspectors it registers cover its worksites. */
export function aMunicipality(): string {
  return `Municipio ${uniqueName('m').replace(/[^A-Za-z0-9]/g, '')}`;
}

export interface GivenTask {
  readonly employer: GivenEmployer;
  readonly taskId: string;
  /** The inspector covering the worksite's municipality (null when none was registered). */
  readonly inspectorId: string | null;
  /** The worksite's municipality (the test's own: register more inspectors for it to compete). */
  readonly municipality: string;
}

/**
 * Given: a verified employer whose worksite is in a municipality of its own, an inspector covering
 * it (unless `withInspector` is false), and one task sweep: the employer's first periodic audit is a
 * task, assigned automatically to that inspector — checked, because an inspector another case of
 * the file registered for the whole state competes for it (the policy picks the lowest load, then
 * the lower id): give such a file's cases a state of their own.
 */
export async function aSweptTask(
  h: AuditsTestHarness,
  options: { withInspector?: boolean; state?: MexicanState } = {},
): Promise<GivenTask> {
  const state = options.state ?? 'CHP';
  const municipality = aMunicipality();
  const inspectorId =
    options.withInspector === false
      ? null
      : await anInspector(h, { states: [state], municipalities: [municipality] });
  const employer = await aVerifiedEmployer(h.t, { state, municipality });
  await h.sweep();
  const taskId = await waitFor(async () => {
    const plan = await h.t.raw(PLANS_COLLECTION, employer.employerId);
    const scheduled = (plan?.['record'] as { scheduled: { taskId: string | null }[] }).scheduled;
    return scheduled.find((s) => s.taskId !== null)?.taskId ?? undefined;
  }, `the task of ${employer.employerId}`);
  if (inspectorId !== null) {
    const assignedTo = await waitFor(async () => {
      const task = await h.t.raw(TASKS_COLLECTION, taskId);
      return task?.['status'] === 'ASSIGNED' ? String(task['inspectorId']) : undefined;
    }, `the assignment of ${taskId}`);
    if (assignedTo !== inspectorId) {
      throw new Error(
        `aSweptTask: ${taskId} went to ${assignedTo}, not to the given inspector ${inspectorId}: ` +
          `another inspector of this test file covers ${state}; give this case a state of its own`,
      );
    }
  }
  return { employer, taskId, inspectorId, municipality };
}
