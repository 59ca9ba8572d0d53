import { FINDING_SEVERITIES } from '@frontera/shared-kernel';
import {
  FINDING_CATALOGUE,
  FINDING_CODES,
  findingDefinition,
  FORCED_LABOUR_INDICATOR_CODES,
  gravestSeverity,
  isForcedLabourIndicator,
} from './finding-catalogue';

describe('findings catalogue', () => {
  it('has the eight labour findings and the eleven ILO indicators, with stable unique codes', () => {
    expect(FINDING_CATALOGUE).toHaveLength(19);
    expect(new Set(FINDING_CODES).size).toBe(19);
    for (const code of FINDING_CODES) expect(code).toMatch(/^[A-Z][A-Z0-9_]{1,63}$/);
    expect(FINDING_CODES.slice(0, 8)).toEqual([
      'WORKER_WITHOUT_VALID_PERMIT',
      'WAGE_BELOW_MINIMUM',
      'WITHHELD_WAGES',
      'IDENTITY_DOCUMENTS_RETAINED',
      'EXCESSIVE_HOURS',
      'MINOR_EMPLOYED',
      'UNSAFE_HOUSING',
      'NO_WRITTEN_CONTRACT',
    ]);
  });

  it('numbers the ILO indicators 1–11, all CRITICAL', () => {
    const indicators = FINDING_CATALOGUE.filter((f) => f.forcedLabourIndicator);
    expect(indicators.map((f) => f.iloIndicator)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(indicators.every((f) => f.severity === 'CRITICAL')).toBe(true);
    expect(FORCED_LABOUR_INDICATOR_CODES).toHaveLength(11);
    expect(findingDefinition('DEBT_BONDAGE')).toMatchObject({
      iloIndicator: 9,
      label: { es: 'Servidumbre por deudas', en: 'Debt bondage' },
    });
  });

  it('labels every entry in Spanish and English, with a severity and whether it is per worker', () => {
    for (const f of FINDING_CATALOGUE) {
      expect(f.label.es.length).toBeGreaterThan(3);
      expect(f.label.en.length).toBeGreaterThan(3);
      expect(FINDING_SEVERITIES).toContain(f.severity);
      expect(typeof f.perWorker).toBe('boolean');
      expect(f.iloIndicator === null).toBe(!f.forcedLabourIndicator);
    }
    expect(findingDefinition('UNSAFE_HOUSING')?.perWorker).toBe(false);
    expect(findingDefinition('WAGE_BELOW_MINIMUM')?.perWorker).toBe(true);
  });

  it('tells indicators from labour findings and orders severities', () => {
    expect(isForcedLabourIndicator('RETENTION_OF_IDENTITY_DOCUMENTS')).toBe(true);
    expect(isForcedLabourIndicator('IDENTITY_DOCUMENTS_RETAINED')).toBe(false);
    expect(isForcedLabourIndicator('UNKNOWN')).toBe(false);
    expect(gravestSeverity(['MINOR', 'SERIOUS'])).toBe('SERIOUS');
    expect(gravestSeverity(['MINOR', 'CRITICAL', 'SERIOUS'])).toBe('CRITICAL');
    expect(gravestSeverity([])).toBeNull();
  });
});
