import type { MexicanState } from '@frontera/shared-kernel';
import {
  Complaint,
  type ComplaintContact,
  type ComplaintSubject,
  type FileComplaint,
} from '../complaint/complaint.aggregate';
import type { ComplaintStatus } from '../complaint/complaint-lifecycle';
import type { ComplaintChannel } from '../complaint/complaint.types';
import { ReceiptCode } from '../complaint/receipt-code.value-object';
import { aSupervisor, theSystem } from './actors';
import { minutesAfter, T0 } from './clock';
import { nextId, nextNumber } from './ids';
import { aSecretHash, seededRandom } from './random';

/** A receipt code with a computed check character, different on every call within a test file. */
export function aReceiptCode(seed: number = nextNumber('receipt')): ReceiptCode {
  return ReceiptCode.issue({ year: 2026, random: seededRandom(seed) });
}

/**
 * A Complaint filed and brought to the requested status through its own methods, events pulled:
 * `aComplaint().against('emp-3', 'ws-3').withIndicators(['DEBT_BONDAGE']).withContact({ phone: '+50255551234' })`,
 * `aComplaint().aboutPlace('Finca cerca de Cacahoatán').triaged()`. Default: anonymous, by WEB, against
 * emp-1 at ws-1 in Chiapas, no indicators, RECEIVED at T0.
 */
export class ComplaintBuilder {
  private command: FileComplaint = {
    complaintId: '',
    receiptCode: '',
    secretHash: '',
    channel: 'WEB',
    subject: { employerId: 'emp-1', worksiteId: 'ws-1' },
    state: 'CHP',
    description: 'Nos pagan menos del mínimo y no nos dejan salir de la finca.',
    indicators: [],
    contact: null,
  };
  private target: ComplaintStatus = 'RECEIVED';
  private taskId: string | null = null;
  private filedAt: Date = T0;
  private seed = nextNumber('complaint-seed');

  withId(complaintId: string): this {
    this.command = { ...this.command, complaintId };
    return this;
  }

  against(employerId: string, worksiteId: string | null = 'ws-1'): this {
    this.command = { ...this.command, subject: { employerId, worksiteId } };
    return this;
  }

  aboutPlace(place: string, municipality: string | null = null): this {
    this.command = { ...this.command, subject: { place, municipality } as ComplaintSubject };
    return this;
  }

  inState(state: MexicanState): this {
    this.command = { ...this.command, state };
    return this;
  }

  by(channel: ComplaintChannel): this {
    this.command = { ...this.command, channel };
    return this;
  }

  describing(description: string): this {
    this.command = { ...this.command, description };
    return this;
  }

  withIndicators(indicators: string[]): this {
    this.command = { ...this.command, indicators };
    return this;
  }

  withContact(contact: ComplaintContact): this {
    this.command = { ...this.command, contact };
    return this;
  }

  /** The seed of the receipt code and the secret hash (`aSecretHash(seed)`). */
  withSeed(seed: number): this {
    this.seed = seed;
    return this;
  }

  filedOn(instant: Date): this {
    this.filedAt = instant;
    return this;
  }

  triaged(taskId = 'task-complaint'): this {
    this.taskId = taskId;
    this.target = 'TRIAGED';
    return this;
  }

  closed(taskId = 'task-complaint'): this {
    this.taskId = taskId;
    this.target = 'CLOSED';
    return this;
  }

  dismissed(): this {
    this.target = 'DISMISSED';
    return this;
  }

  inStatus(status: ComplaintStatus): this {
    if (status === 'TRIAGED') return this.triaged();
    if (status === 'CLOSED') return this.closed();
    this.target = status;
    return this;
  }

  /** The FileComplaint command this builder files. */
  fileCommand(): FileComplaint {
    return {
      ...this.command,
      complaintId: this.command.complaintId || nextId('complaint'),
      receiptCode: aReceiptCode(this.seed),
      secretHash: aSecretHash(this.seed),
    };
  }

  build(): Complaint {
    let minute = 0;
    const tick = () => minutesAfter(this.filedAt, minute++);
    const complaint = Complaint.file(this.fileCommand(), tick());
    if (this.target === 'TRIAGED' || this.target === 'CLOSED') {
      const place = complaint.employerId === null;
      complaint.triage(
        {
          taskId: this.taskId ?? 'task-complaint',
          employerId: place ? 'emp-1' : null,
          worksiteId: place ? 'ws-1' : null,
        },
        place ? aSupervisor() : theSystem(),
        tick(),
      );
    }
    if (this.target === 'CLOSED') complaint.close(this.taskId, theSystem(), null, tick());
    if (this.target === 'DISMISSED')
      complaint.dismiss(aSupervisor(), 'Duplicate of an earlier complaint', tick());
    complaint.pullEvents();
    return complaint;
  }
}

export function aComplaint(): ComplaintBuilder {
  return new ComplaintBuilder();
}
