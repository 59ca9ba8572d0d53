import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { parseDataschema, type EventEnvelope } from './envelope';
import { EventCatalogue, isEventType, type EventData, type EventType } from './event-catalogue';

/** One way an event breaks its contract: where, and what is wrong. */
export interface ContractViolation {
  readonly path: string;
  readonly problem: string;
}

export class ContractViolationError extends Error {
  constructor(
    readonly eventType: string,
    readonly violations: readonly ContractViolation[],
  ) {
    super(
      `event ${eventType} breaks its contract: ` +
        violations.map((v) => `${v.path}: ${v.problem}`).join('; '),
    );
    this.name = 'ContractViolationError';
  }
}

function flatten(errors: ValidationError[], prefix: string): ContractViolation[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((problem) => ({ path, problem }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/** Validates `data` against the contract of `type`; unknown fields are violations too. */
export function validateEventData(type: string, data: unknown): ContractViolation[] {
  if (!isEventType(type)) return [{ path: 'type', problem: `unknown event type "${type}"` }];
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return [{ path: 'data', problem: 'must be an object' }];
  }
  const dataClass: new () => object = EventCatalogue[type].data;
  const instance = plainToInstance(dataClass, data as object);
  return flatten(
    validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true }),
    'data',
  );
}

const ENVELOPE_FIELDS = [
  'specversion',
  'id',
  'type',
  'source',
  'subject',
  'time',
  'datacontenttype',
  'dataschema',
  'correlationid',
] as const;

/** Validates a whole envelope (attributes, version, data) as read from Kafka. */
export function validateEnvelope(raw: unknown): ContractViolation[] {
  if (typeof raw !== 'object' || raw === null) return [{ path: '', problem: 'event must be a JSON object' }];
  const event = raw as Record<string, unknown>;
  const violations: ContractViolation[] = [];
  for (const field of ENVELOPE_FIELDS) {
    if (typeof event[field] !== 'string' || (event[field] as string).length === 0) {
      violations.push({ path: field, problem: 'must be a non-empty string' });
    }
  }
  if (event['specversion'] !== '1.0') violations.push({ path: 'specversion', problem: 'must be "1.0"' });
  if (typeof event['time'] === 'string' && Number.isNaN(Date.parse(event['time']))) {
    violations.push({ path: 'time', problem: 'must be an RFC 3339 timestamp' });
  }
  if (violations.length > 0) return violations;
  const type = event['type'] as string;
  if (!isEventType(type)) return [{ path: 'type', problem: `unknown event type "${type}"` }];
  const schema = parseDataschema(event['dataschema'] as string);
  if (!schema || schema.type !== type) {
    return [{ path: 'dataschema', problem: `must be urn:frontera:event:${type}:v<version>` }];
  }
  if (schema.version !== EventCatalogue[type].version) {
    return [
      {
        path: 'dataschema',
        problem: `version ${schema.version} is not supported (current v${EventCatalogue[type].version})`,
      },
    ];
  }
  return validateEventData(type, event['data']);
}

/** Narrows a validated envelope to its typed form, or throws the violations. */
export function assertEnvelope(raw: unknown): EventEnvelope<EventType, EventData<EventType>> {
  const violations = validateEnvelope(raw);
  if (violations.length > 0) {
    const type = (raw as { type?: unknown } | null)?.type;
    throw new ContractViolationError(typeof type === 'string' ? type : 'unknown', violations);
  }
  return raw as EventEnvelope<EventType, EventData<EventType>>;
}
