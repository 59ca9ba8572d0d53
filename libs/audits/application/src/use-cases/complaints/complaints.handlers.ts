import {
  AuditErrors,
  AuditTask,
  Complaint,
  ReceiptCode,
  type ComplainantView,
  type ComplaintChannel,
  type ComplaintContact,
  type ComplaintDomainEvent,
  type ComplaintStatus,
  type ComplaintSubject,
} from '@frontera/audits-domain';
import {
  defineReasonTransitions,
  ReasonTransitionHandler,
  type CommandMetadata,
  type EventMetadata,
} from '@frontera/shared-application';
import { SYSTEM_CALLER, isMexicanState, type Caller, type MexicanState } from '@frontera/shared-kernel';
import { mayAttempt, type AuditsOperation } from '../../authorization/audits-access.policy';
import {
  complaintIntegrationEvents,
  taskIntegrationEvents,
  type AuditsIntegrationEvent,
} from '../../events/integration-events';
import type { ComplaintSecrets, EmployerWorksite } from '../../ports/repositories.port';
import { assignAutomatically } from '../../shared/assignment';
import { AuditsCommandErrors, complaintRunner } from '../../shared/audits-command.runners';
import type { AuditsDeps } from '../../shared/audits-deps';
import { expectedRoster } from '../../shared/due-tasks';
import type { DueTaskIds } from '../sweep-plans/sweep-plans.handler';

export interface ComplaintsDeps extends AuditsDeps {
  readonly secrets: ComplaintSecrets;
  readonly dueTaskId: DueTaskIds;
}

export interface FileComplaintCommand {
  readonly channel: ComplaintChannel;
  readonly subject: ComplaintSubject;
  readonly state: MexicanState;
  readonly description: string;
  readonly indicators?: readonly string[];
  readonly contact?: ComplaintContact | null;
  readonly correlationId: string;
}

export interface FiledComplaint {
  readonly complaint: Complaint;
  /** Shown once to the complainant: never stored (only its hash), never logged. */
  readonly secret: string;
}

const CODE_ATTEMPTS = 5;

/**
 * Anyone files a complaint, without login and anonymously if they wish: a receipt code (random, with
 * a check character; a taken one is drawn again) and a secret (stored as its keyed hash) to follow
 * it. Contact data and free texts are encrypted at rest by the repository. A complaint naming a
 * registered employer is triaged by the service itself (its own complaint.received event).
 */
export class FileComplaintHandler {
  constructor(private readonly deps: ComplaintsDeps) {}

  async execute(command: FileComplaintCommand): Promise<FiledComplaint> {
    const { secrets, clock, ids, program, complaints } = this.deps;
    const secret = secrets.newSecret();
    const complaintId = ids.newId('cmp');
    for (let attempt = 1; attempt <= CODE_ATTEMPTS; attempt++) {
      const now = clock.now();
      const complaint = Complaint.file(
        {
          complaintId,
          receiptCode: ReceiptCode.issue({ year: now.getUTCFullYear(), random: (n) => secrets.randomInt(n) }),
          secretHash: secrets.hash(secret),
          channel: command.channel,
          subject: command.subject,
          state: command.state,
          description: command.description,
          indicators: command.indicators ?? [],
          contact: command.contact ?? null,
        },
        now,
        program,
      );
      const events = complaintIntegrationEvents(complaint.pullEvents(), {
        correlationId: command.correlationId,
      });
      const outcome = await complaints.insert(complaint, events);
      if (outcome === 'INSERTED') return { complaint, secret };
      if (outcome === 'DUPLICATE_ID') break;
    }
    throw AuditsCommandErrors.CONCURRENT_MODIFICATION.create();
  }
}

/**
 * The complainant follows the complaint with receipt code and secret: its coarse status only. A
 * wrong code, an unknown one and a wrong secret give the same COMPLAINT.NOT_FOUND (a malformed code
 * is 422 COMPLAINT.RECEIPT_CODE_INVALID before any lookup).
 */
export class ComplaintStatusHandler {
  constructor(private readonly deps: ComplaintsDeps) {}

  async execute(receiptCode: string, secret: string): Promise<ComplainantView> {
    const code = ReceiptCode.parse(receiptCode);
    const complaint = await this.deps.complaints.findByReceiptCode(code.compact);
    const hash = this.deps.secrets.hash(secret);
    if (!complaint || !complaint.matchesSecret(hash)) throw AuditErrors.COMPLAINT_NOT_FOUND.create({});
    return complaint.complainantView();
  }
}

export const MAX_COMPLAINTS_LISTED = 200;

/** A supervisor's list: the complaints of its states in one status (default RECEIVED: those to triage). */
export class ListComplaintsHandler {
  constructor(private readonly deps: ComplaintsDeps) {}

  async execute(caller: Caller, filter: { readonly status?: ComplaintStatus }): Promise<Complaint[]> {
    const role = mayAttempt(caller, 'LIST_COMPLAINTS');
    if (!role.allowed) throw AuditsCommandErrors.ACCESS_DENIED.create({ reason: role.reason });
    const found: Complaint[] = [];
    for (const state of caller.states.filter(isMexicanState)) {
      found.push(
        ...(await this.deps.complaints.ofStateInStatus(
          state,
          filter.status ?? 'RECEIVED',
          MAX_COMPLAINTS_LISTED,
        )),
      );
    }
    return found
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id))
      .slice(0, MAX_COMPLAINTS_LISTED);
  }
}

export interface TriageOutcome {
  readonly complaint: Complaint;
  /** The COMPLAINT task, or null when the complaint could not be triaged automatically. */
  readonly taskId: string | null;
}

/**
 * Triage: the complaint becomes TRIAGED and a COMPLAINT audit task is created for the employer's
 * worksite (a forced-labour indicator makes it CRITICAL, due within 48 hours), then assigned by the
 * assignment policy. The task id derives from the complaint: a retried triage finds it. Automatic
 * (from the service's own complaint.received event, once per event id) when the complaint names a
 * registered employer whose worksite the service knows; by a supervisor of its state otherwise
 * (naming employer and worksite for a place complaint).
 */
export class TriageComplaintHandler {
  constructor(private readonly deps: ComplaintsDeps) {}

  /** The service's own triage of a complaint naming a known employer (taskId null when it cannot). */
  async automatically(complaintId: string, event: EventMetadata): Promise<TriageOutcome> {
    let taskId: string | null = null;
    const { aggregate } = await complaintRunner(this.deps).apply(
      complaintId,
      event,
      async (complaint, now) => {
        if (complaint.status !== 'RECEIVED' || !complaint.canTriageAutomatically) return;
        const worksite = await this.worksiteFor(complaint.employerId as string, complaint.worksiteId);
        if (!worksite) return;
        taskId = await this.triage(complaint, worksite, SYSTEM_CALLER, now, event.correlationId);
      },
    );
    if (taskId !== null) await this.assign(taskId, event.correlationId);
    return { complaint: aggregate, taskId };
  }

  /** A supervisor of the complaint's state triages it, naming employer and worksite where needed. */
  async bySupervisor(
    complaintId: string,
    command: { readonly employerId?: string; readonly worksiteId?: string },
    metadata: CommandMetadata,
  ): Promise<TriageOutcome> {
    let taskId: string | null = null;
    const { aggregate } = await complaintRunner(this.deps).change(
      complaintId,
      'TRIAGE_COMPLAINT',
      metadata,
      async (complaint, now) => {
        const employerId = command.employerId ?? complaint.employerId;
        const worksite =
          employerId === null
            ? null
            : await this.worksiteFor(employerId, command.worksiteId ?? complaint.worksiteId);
        if (employerId === null || !worksite) {
          throw AuditErrors.COMPLAINT_EMPLOYER_REQUIRED.create({ complaintId: complaint.id });
        }
        taskId = await this.triage(
          complaint,
          worksite,
          metadata.caller,
          now,
          metadata.correlationId,
          employerId,
        );
      },
    );
    if (taskId !== null) await this.assign(taskId, metadata.correlationId);
    return { complaint: aggregate, taskId };
  }

  /** The worksite (given, or the employer's only open one) as the employer events described it. */
  private async worksiteFor(employerId: string, worksiteId: string | null): Promise<EmployerWorksite | null> {
    const stored = await this.deps.profiles.find(employerId);
    const open = stored?.profile.worksites.filter((w) => w.open) ?? [];
    if (worksiteId !== null) return open.find((w) => w.worksiteId === worksiteId) ?? null;
    return open.length === 1 ? (open[0] as EmployerWorksite) : null;
  }

  private async triage(
    complaint: Complaint,
    worksite: EmployerWorksite,
    caller: Pick<Caller, 'id' | 'role'>,
    now: Date,
    correlationId: string,
    employerId?: string,
  ): Promise<string> {
    const taskId = this.deps.dueTaskId(complaint.id, 'COMPLAINT');
    const request = complaint.triage(
      { taskId, worksiteId: worksite.worksiteId, ...(employerId !== undefined ? { employerId } : {}) },
      caller,
      now,
    );
    if (!(await this.deps.tasks.findById(taskId))) {
      const task = AuditTask.create(
        {
          ...request,
          state: worksite.state,
          municipality: worksite.municipality,
          roster: await expectedRoster(this.deps, request.employerId, worksite.worksiteId),
        },
        now,
        this.deps.program,
      );
      await this.deps.tasks.insert(task, taskIntegrationEvents(task.pullEvents(), { correlationId }));
    }
    return taskId;
  }

  private async assign(taskId: string, correlationId: string): Promise<void> {
    await assignAutomatically(this.deps, taskId, { eventId: `assign:${taskId}`, correlationId });
  }
}

/**
 * The complainant adds information with receipt code and secret (the same 404 for either wrong),
 * while the complaint is RECEIVED or TRIAGED, at most 20 times; the text is encrypted at rest.
 */
export class AddComplaintInformationHandler {
  constructor(private readonly deps: ComplaintsDeps) {}

  async execute(
    command: { readonly receiptCode: string; readonly secret: string; readonly text: string },
    correlationId: string,
  ): Promise<ComplainantView> {
    const code = ReceiptCode.parse(command.receiptCode);
    const found = await this.deps.complaints.findByReceiptCode(code.compact);
    const hash = this.deps.secrets.hash(command.secret);
    if (!found || !found.matchesSecret(hash)) throw AuditErrors.COMPLAINT_NOT_FOUND.create({});
    const { aggregate } = await complaintRunner(this.deps).apply(
      found.id,
      { eventId: this.deps.ids.newId('info'), correlationId },
      (complaint, now) => complaint.addInformation(command.text, now),
    );
    return aggregate.complainantView();
  }
}

export type ComplaintDecision = Extract<AuditsOperation, 'DISMISS_COMPLAINT'>;

/** Reason-only decisions on a complaint: `POST /complaints/:id/<resource>` with `{ reason }`. */
export const COMPLAINT_DECISIONS = defineReasonTransitions<Complaint, ComplaintDecision>([
  {
    operation: 'DISMISS_COMPLAINT',
    resource: 'dismissal',
    event: 'frontera.audit.complaint.closed (resolution DISMISSED)',
    summary: 'Dismiss a complaint that needs no audit',
    description:
      'RECEIVED → DISMISSED, by a supervisor of its state (not an employer of the program, a duplicate…). The ' +
      'complainant then reads CLOSED.',
    apply: (complaint, caller, reason, now) => complaint.dismiss(caller, reason, now),
  },
]);

/** Runs any row of COMPLAINT_DECISIONS. */
export class ComplaintDecisionsHandler extends ReasonTransitionHandler<
  Complaint,
  string,
  AuditsOperation,
  ComplaintDomainEvent,
  AuditsIntegrationEvent,
  Complaint
> {
  constructor(deps: ComplaintsDeps) {
    super(complaintRunner(deps), COMPLAINT_DECISIONS, (complaint) => complaint);
  }
}
