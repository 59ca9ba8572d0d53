import { EmployerErrors } from '../errors/employer-errors';
import { isMexicanState, LIMITS, MEXICAN_STATES, type MexicanState } from '@frontera/shared-kernel';
import { assertId, iso, requireText } from '../shared/validation';
import { Coordinates, type CoordinatesProps } from './coordinates.value-object';
import type { PermitEligibilityPolicy } from './permit-eligibility.policy';

/** The event contracts accept capacities up to 100 000; a larger number is a typing error. */
export const MAX_WORKSITE_CAPACITY = 100_000;

export interface NewWorksite {
  readonly worksiteId: string;
  /** e.g. "Finca La Esperanza". */
  readonly name: string;
  /** Activity or crop, e.g. "coffee harvest", "mango packing". */
  readonly activity: string;
  readonly state: MexicanState;
  readonly municipality: string;
  readonly coordinates: CoordinatesProps;
  /** Declared headcount capacity: how many workers the site can employ (and house), ≥ 1. */
  readonly capacity: number;
  readonly housingProvided: boolean;
}

export type WorksiteChanges = Partial<Omit<NewWorksite, 'worksiteId'>>;
export type WorksiteField = keyof WorksiteChanges;
export const WORKSITE_FIELDS: readonly WorksiteField[] = [
  'name',
  'activity',
  'state',
  'municipality',
  'coordinates',
  'capacity',
  'housingProvided',
];

export type WorksiteStatus = 'OPEN' | 'CLOSED';

export interface WorksiteSnapshot {
  readonly id: string;
  readonly name: string;
  readonly activity: string;
  readonly state: MexicanState;
  readonly municipality: string;
  readonly coordinates: CoordinatesProps;
  readonly capacity: number;
  readonly housingProvided: boolean;
  readonly status: WorksiteStatus;
  readonly openedAt: string;
  readonly closedAt: string | null;
  readonly closedReason: string | null;
  /** Permits currently counted at this worksite. */
  readonly activePermitIds: readonly string[];
  /** Permits that ended here; kept so a late or repeated "issued" for them is not counted again. */
  readonly endedPermitIds: readonly string[];
}

/** What callers read about a worksite: its data plus what is derived from it. */
export interface WorksiteView extends Omit<WorksiteSnapshot, 'activePermitIds' | 'endedPermitIds'> {
  /** Workers with an active permit here, from permit issued/ended events. */
  readonly headcount: number;
  /** More workers than the declared capacity (capacity lowered, or events from before a change). */
  readonly overCapacity: boolean;
  /** How many more permits fit within the declared capacity (0 when full or over). */
  readonly remainingCapacity: number;
  /** In a state eligible for border-worker permits, per the configured policy. */
  readonly eligibleForPermits: boolean;
}

/** The non-personal worksite attributes carried by events (no name, no coordinates). */
export interface WorksiteSummary {
  readonly worksiteId: string;
  readonly activity: string;
  readonly state: MexicanState;
  readonly municipality: string;
  readonly capacity: number;
  readonly housingProvided: boolean;
  readonly eligibleForPermits: boolean;
}

const INVALID = EmployerErrors.WORKSITE_INVALID_DETAILS;

interface WorksiteData {
  name: string;
  activity: string;
  state: MexicanState;
  municipality: string;
  coordinates: Coordinates;
  capacity: number;
  housingProvided: boolean;
}

function validateCapacity(value: unknown): number {
  const error = EmployerErrors.WORKSITE_INVALID_CAPACITY;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw error.create({ field: 'capacity', constraint: 'NOT_A_NUMBER' });
  }
  if (!Number.isInteger(value)) throw error.create({ field: 'capacity', constraint: 'NOT_AN_INTEGER' });
  if (value < 1 || value > MAX_WORKSITE_CAPACITY) {
    throw error.create({
      field: 'capacity',
      constraint: 'OUT_OF_RANGE',
      min: 1,
      max: MAX_WORKSITE_CAPACITY,
    });
  }
  return value;
}

function validateField<F extends WorksiteField>(field: F, value: unknown): WorksiteData[F] {
  switch (field) {
    case 'name':
    case 'activity':
    case 'municipality':
      return requireText(value, field, LIMITS.NAME, INVALID) as WorksiteData[F];
    case 'state':
      if (!isMexicanState(value)) {
        throw INVALID.create({ field, constraint: 'UNKNOWN_VALUE', allowed: MEXICAN_STATES });
      }
      return value as WorksiteData[F];
    case 'coordinates':
      return Coordinates.create(value as CoordinatesProps) as WorksiteData[F];
    case 'capacity':
      return validateCapacity(value) as WorksiteData[F];
    case 'housingProvided':
      if (typeof value !== 'boolean') throw INVALID.create({ field, constraint: 'NOT_A_BOOLEAN' });
      return value as WorksiteData[F];
    default:
      throw INVALID.create({
        field: String(field),
        constraint: 'UNKNOWN_VALUE',
        allowed: WORKSITE_FIELDS,
      });
  }
}

function sameValue(a: WorksiteData[WorksiteField], b: WorksiteData[WorksiteField]): boolean {
  if (a instanceof Coordinates && b instanceof Coordinates) return a.equals(b);
  return a === b;
}

/**
 * A place where the employer's workers work: a farm, a plantation, a packing plant. An entity
 * inside the Employer aggregate — change it only through the aggregate, which checks the
 * employer's status, records history and raises events.
 */
export class Worksite {
  private constructor(
    readonly id: string,
    private data: WorksiteData,
    private status: WorksiteStatus,
    private readonly openedAt: string,
    private closedAt: string | null,
    private closedReason: string | null,
    private readonly activePermits: Set<string>,
    private readonly endedPermits: Set<string>,
  ) {}

  static create(props: NewWorksite, now: Date): Worksite {
    const id = assertId(props.worksiteId, 'worksiteId');
    const data = {} as WorksiteData;
    for (const field of WORKSITE_FIELDS) {
      (data as Record<WorksiteField, unknown>)[field] = validateField(field, props[field]);
    }
    return new Worksite(id, data, 'OPEN', iso(now), null, null, new Set(), new Set());
  }

  static fromSnapshot(s: WorksiteSnapshot): Worksite {
    if (s.status !== 'OPEN' && s.status !== 'CLOSED')
      throw new TypeError(`Unknown worksite status: ${String(s.status)}`);
    const worksite = Worksite.create(
      {
        worksiteId: s.id,
        name: s.name,
        activity: s.activity,
        state: s.state,
        municipality: s.municipality,
        coordinates: s.coordinates,
        capacity: s.capacity,
        housingProvided: s.housingProvided,
      },
      new Date(s.openedAt),
    );
    worksite.status = s.status;
    worksite.closedAt = s.closedAt;
    worksite.closedReason = s.closedReason;
    s.activePermitIds.forEach((p) => worksite.activePermits.add(p));
    s.endedPermitIds.forEach((p) => worksite.endedPermits.add(p));
    return worksite;
  }

  get isClosed(): boolean {
    return this.status === 'CLOSED';
  }

  get state(): MexicanState {
    return this.data.state;
  }

  get capacity(): number {
    return this.data.capacity;
  }

  get headcount(): number {
    return this.activePermits.size;
  }

  get overCapacity(): boolean {
    return this.headcount > this.data.capacity;
  }

  get remainingCapacity(): number {
    return Math.max(0, this.data.capacity - this.headcount);
  }

  /** Current values of the given fields, for history summaries. */
  valueOf(field: WorksiteField): string {
    const value = this.data[field];
    return value instanceof Coordinates ? `${value.lat},${value.lng}` : String(value);
  }

  /**
   * Validates the changes and returns the fields whose value differs, without applying them.
   * The aggregate applies them with {@link apply} after recording history.
   */
  diff(changes: WorksiteChanges): { field: WorksiteField; value: WorksiteData[WorksiteField] }[] {
    const result: { field: WorksiteField; value: WorksiteData[WorksiteField] }[] = [];
    for (const field of Object.keys(changes) as WorksiteField[]) {
      if (changes[field] === undefined) continue;
      const value = validateField(field, changes[field]);
      if (!sameValue(this.data[field], value)) result.push({ field, value });
    }
    return result;
  }

  apply(changes: { field: WorksiteField; value: WorksiteData[WorksiteField] }[]): void {
    const data = { ...this.data } as Record<WorksiteField, unknown>;
    for (const { field, value } of changes) data[field] = value;
    this.data = data as unknown as WorksiteData;
  }

  close(reason: string, now: Date): void {
    this.status = 'CLOSED';
    this.closedAt = iso(now);
    this.closedReason = reason;
  }

  /** Idempotent per permit id; a permit that already ended here is not counted again. */
  recordPermitIssued(permitId: string): boolean {
    if (this.activePermits.has(permitId) || this.endedPermits.has(permitId)) return false;
    this.activePermits.add(permitId);
    return true;
  }

  /**
   * Idempotent per permit id. An "ended" that arrives before its "issued" (at-least-once,
   * possibly reordered delivery) is remembered so the late "issued" does not count.
   */
  recordPermitEnded(permitId: string): boolean {
    if (this.endedPermits.has(permitId)) return false;
    this.activePermits.delete(permitId);
    this.endedPermits.add(permitId);
    return true;
  }

  isEligibleForPermits(policy: PermitEligibilityPolicy): boolean {
    return policy.isEligible(this.data.state);
  }

  summary(policy: PermitEligibilityPolicy): WorksiteSummary {
    return {
      worksiteId: this.id,
      activity: this.data.activity,
      state: this.data.state,
      municipality: this.data.municipality,
      capacity: this.data.capacity,
      housingProvided: this.data.housingProvided,
      eligibleForPermits: this.isEligibleForPermits(policy),
    };
  }

  view(policy: PermitEligibilityPolicy): WorksiteView {
    const { activePermitIds: _active, endedPermitIds: _ended, ...rest } = this.toSnapshot();
    return {
      ...rest,
      headcount: this.headcount,
      overCapacity: this.overCapacity,
      remainingCapacity: this.remainingCapacity,
      eligibleForPermits: this.isEligibleForPermits(policy),
    };
  }

  toSnapshot(): WorksiteSnapshot {
    return {
      id: this.id,
      name: this.data.name,
      activity: this.data.activity,
      state: this.data.state,
      municipality: this.data.municipality,
      coordinates: this.data.coordinates.toProps(),
      capacity: this.data.capacity,
      housingProvided: this.data.housingProvided,
      status: this.status,
      openedAt: this.openedAt,
      closedAt: this.closedAt,
      closedReason: this.closedReason,
      activePermitIds: [...this.activePermits],
      endedPermitIds: [...this.endedPermits],
    };
  }
}
