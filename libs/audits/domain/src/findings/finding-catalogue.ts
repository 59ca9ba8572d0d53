import { FINDING_SEVERITIES, type FindingSeverity, type Localized } from '@frontera/shared-kernel';

/** One entry of the findings catalogue: what an inspector may record, and a complainant may report. */
export interface FindingDefinition {
  /** Stable code (public API: never renamed or reused), `UPPER_SNAKE_CASE`. */
  readonly code: string;
  readonly severity: FindingSeverity;
  /** One of the International Labour Organization's eleven indicators of forced labour. */
  readonly forcedLabourIndicator: boolean;
  /** The ILO indicator's number (1–11), null for labour findings. */
  readonly iloIndicator: number | null;
  /** Recorded per worker (the affected permits, or a count where a worker has no permit). */
  readonly perWorker: boolean;
  readonly label: Localized;
}

function labour(
  code: string,
  severity: FindingSeverity,
  perWorker: boolean,
  es: string,
  en: string,
): FindingDefinition {
  return Object.freeze({
    code,
    severity,
    forcedLabourIndicator: false,
    iloIndicator: null,
    perWorker,
    label: Object.freeze({ es, en }),
  });
}

/** Any forced-labour indicator is CRITICAL (and makes the outcome a referral), whatever else was found. */
function ilo(n: number, code: string, perWorker: boolean, es: string, en: string): FindingDefinition {
  return Object.freeze({
    code,
    severity: 'CRITICAL',
    forcedLabourIndicator: true,
    iloIndicator: n,
    perWorker,
    label: Object.freeze({ es, en }),
  });
}

/**
 * The findings catalogue (docs/domain/audits.md#findings), served by the API. Severities of the labour
 * findings are this library's proposal; the eleven ILO indicators are always CRITICAL. Some labour
 * findings and indicators describe the same fact at different gravity (documents retained, wages
 * withheld): the inspector records the indicator when the fact is used to control the worker, the
 * labour finding otherwise.
 */
export const FINDING_CATALOGUE: readonly FindingDefinition[] = Object.freeze([
  labour(
    'WORKER_WITHOUT_VALID_PERMIT',
    'SERIOUS',
    true,
    'Trabajador sin permiso vigente',
    'Worker without a valid permit',
  ),
  labour('WAGE_BELOW_MINIMUM', 'SERIOUS', true, 'Salario inferior al mínimo', 'Wage below the minimum'),
  labour('WITHHELD_WAGES', 'SERIOUS', true, 'Salarios retenidos', 'Withheld wages'),
  labour(
    'IDENTITY_DOCUMENTS_RETAINED',
    'SERIOUS',
    true,
    'Documentos de identidad retenidos por el empleador',
    'Identity documents retained by the employer',
  ),
  labour('EXCESSIVE_HOURS', 'SERIOUS', true, 'Jornada excesiva', 'Excessive hours'),
  labour('MINOR_EMPLOYED', 'CRITICAL', true, 'Persona menor de edad empleada', 'Minor employed'),
  labour('UNSAFE_HOUSING', 'SERIOUS', false, 'Vivienda insegura', 'Unsafe housing'),
  labour('NO_WRITTEN_CONTRACT', 'MINOR', true, 'Sin contrato por escrito', 'No written contract'),
  ilo(1, 'ABUSE_OF_VULNERABILITY', true, 'Abuso de la vulnerabilidad', 'Abuse of vulnerability'),
  ilo(2, 'DECEPTION', true, 'Engaño', 'Deception'),
  ilo(3, 'RESTRICTION_OF_MOVEMENT', true, 'Restricción de movimientos', 'Restriction of movement'),
  ilo(4, 'ISOLATION', false, 'Aislamiento', 'Isolation'),
  ilo(5, 'PHYSICAL_AND_SEXUAL_VIOLENCE', true, 'Violencia física y sexual', 'Physical and sexual violence'),
  ilo(6, 'INTIMIDATION_AND_THREATS', true, 'Intimidación y amenazas', 'Intimidation and threats'),
  ilo(
    7,
    'RETENTION_OF_IDENTITY_DOCUMENTS',
    true,
    'Retención de documentos de identidad',
    'Retention of identity documents',
  ),
  ilo(8, 'WITHHOLDING_OF_WAGES', true, 'Retención de salarios', 'Withholding of wages'),
  ilo(9, 'DEBT_BONDAGE', true, 'Servidumbre por deudas', 'Debt bondage'),
  ilo(
    10,
    'ABUSIVE_WORKING_AND_LIVING_CONDITIONS',
    false,
    'Condiciones de trabajo y de vida abusivas',
    'Abusive working and living conditions',
  ),
  ilo(11, 'EXCESSIVE_OVERTIME', true, 'Horas extraordinarias excesivas', 'Excessive overtime'),
]);

export const FINDING_CODES: readonly string[] = Object.freeze(FINDING_CATALOGUE.map((f) => f.code));

export const FORCED_LABOUR_INDICATOR_CODES: readonly string[] = Object.freeze(
  FINDING_CATALOGUE.filter((f) => f.forcedLabourIndicator).map((f) => f.code),
);

const BY_CODE: ReadonlyMap<string, FindingDefinition> = new Map(FINDING_CATALOGUE.map((f) => [f.code, f]));

/** The catalogue entry of `code`, or undefined. */
export function findingDefinition(code: string): FindingDefinition | undefined {
  return BY_CODE.get(code);
}

export function isFindingCode(value: unknown): value is string {
  return typeof value === 'string' && BY_CODE.has(value);
}

export function isForcedLabourIndicator(code: string): boolean {
  return BY_CODE.get(code)?.forcedLabourIndicator === true;
}

/** The gravest of some severities (CRITICAL > SERIOUS > MINOR), or null for none. */
export function gravestSeverity(severities: readonly FindingSeverity[]): FindingSeverity | null {
  let gravest = -1;
  for (const s of severities) gravest = Math.max(gravest, FINDING_SEVERITIES.indexOf(s));
  return gravest < 0 ? null : FINDING_SEVERITIES[gravest];
}
