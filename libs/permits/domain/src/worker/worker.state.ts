import type { CallerIdentity } from '@frontera/shared-kernel';
import type { CalendarDate } from '../shared/calendar-date.value-object';
import type { HistoryEntry } from '../shared/history';
import type { IdentityDocument } from './identity-document.value-object';
import type { PersonName } from './person-name.value-object';
import type { Phone } from './phone.value-object';
import type { HomeAddress, PlaceOfBirth } from './places.value-object';
import type {
  AbsorbedRecord,
  DuplicateResolution,
  PossibleDuplicate,
  WorkerDecision,
  WorkerMerge,
} from './worker.snapshot';
import type { Sex, WorkerStatus } from './worker.types';

/** The aggregate's state, as its methods change it (value objects, not plain data). */
export interface WorkerState {
  id: string;
  version: number;
  status: WorkerStatus;
  name: PersonName;
  dateOfBirth: CalendarDate;
  sex: Sex;
  nationality: string;
  identityDocument: IdentityDocument;
  placeOfBirth: PlaceOfBirth;
  homeAddress: HomeAddress;
  phone: Phone | null;
  photoReference: string | null;
  registered: WorkerDecision;
  merge: WorkerMerge | null;
  absorbed: AbsorbedRecord[];
  possibleDuplicates: PossibleDuplicate[];
  resolvedDuplicates: DuplicateResolution[];
  /** History entries recorded since loaded (or built): the repository appends them with the write. */
  recordedHistory: HistoryEntry[];
}

export function copyCaller(caller: CallerIdentity): CallerIdentity {
  return { id: caller.id, role: caller.role };
}
