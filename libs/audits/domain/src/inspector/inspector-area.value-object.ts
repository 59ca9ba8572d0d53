import { isMexicanState, LIMITS, MEXICAN_STATES, type MexicanState } from '@frontera/shared-kernel';
import { AuditErrors } from '../errors/audit-errors';
import { requireText } from '../shared/validation';

const INVALID = AuditErrors.INSPECTOR_INVALID_DATA;

/** The most states an inspector may cover, and municipalities per state. */
export const MAX_AREA_STATES = MEXICAN_STATES.length;
export const MAX_AREA_MUNICIPALITIES = 200;

/**
 * How municipalities are compared: the employers context names a worksite's municipality in free text
 * (`Tapachula`, `Tapachula de Córdova y Ordóñez`…), so coverage compares case-, accent- and
 * space-insensitively. INEGI codes would be better keys; until the contracts carry them, the name.
 */
export function municipalityKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9ñ]+/g, ' ')
    .trim();
}

/** One state an inspector covers: all of it (`municipalities: null`) or some of its municipalities. */
export interface InspectorArea {
  readonly state: MexicanState;
  readonly municipalities: readonly string[] | null;
}

export interface InspectorAreaInput {
  readonly state: string;
  readonly municipalities?: readonly string[] | null;
}

/** Validates and normalises the areas (states once each, municipalities deduplicated by key, sorted). */
export function inspectorAreas(value: readonly InspectorAreaInput[] | undefined): InspectorArea[] {
  if (!Array.isArray(value) || value.length === 0)
    throw INVALID.create({ field: 'areas', constraint: 'REQUIRED' });
  if (value.length > MAX_AREA_STATES) {
    throw INVALID.create({ field: 'areas', constraint: 'OUT_OF_RANGE', min: 1, max: MAX_AREA_STATES });
  }
  const byState = new Map<MexicanState, InspectorArea>();
  value.forEach((area, i) => {
    if (!isMexicanState(area?.state)) {
      throw INVALID.create({ field: `areas[${i}].state`, constraint: 'UNKNOWN_VALUE', allowed: [] });
    }
    if (byState.has(area.state)) {
      throw INVALID.create({
        field: `areas[${i}].state`,
        constraint: 'INVALID_FORMAT',
        format: 'each state once',
      });
    }
    let municipalities: string[] | null = null;
    if (area.municipalities !== undefined && area.municipalities !== null) {
      if (!Array.isArray(area.municipalities) || area.municipalities.length === 0) {
        throw INVALID.create({ field: `areas[${i}].municipalities`, constraint: 'REQUIRED' });
      }
      if (area.municipalities.length > MAX_AREA_MUNICIPALITIES) {
        throw INVALID.create({
          field: `areas[${i}].municipalities`,
          constraint: 'OUT_OF_RANGE',
          min: 1,
          max: MAX_AREA_MUNICIPALITIES,
        });
      }
      const byKey = new Map<string, string>();
      area.municipalities.forEach((m: unknown, j: number) => {
        const name = requireText(m, `areas[${i}].municipalities[${j}]`, LIMITS.NAME, INVALID);
        if (!byKey.has(municipalityKey(name))) byKey.set(municipalityKey(name), name);
      });
      municipalities = [...byKey.values()].sort((a, b) =>
        municipalityKey(a).localeCompare(municipalityKey(b)),
      );
    }
    byState.set(area.state, { state: area.state, municipalities });
  });
  return [...byState.values()].sort((a, b) => a.state.localeCompare(b.state));
}

/** Whether the areas cover a worksite in `state` and `municipality`. */
export function areasCover(areas: readonly InspectorArea[], state: string, municipality: string): boolean {
  const area = areas.find((a) => a.state === state);
  if (!area) return false;
  if (area.municipalities === null) return true;
  const key = municipalityKey(municipality);
  return area.municipalities.some((m) => municipalityKey(m) === key);
}
