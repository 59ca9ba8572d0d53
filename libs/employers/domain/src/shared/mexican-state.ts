/**
 * Mexican states as ISO 3166-2:MX subdivision codes without the "MX-" prefix
 * (CHP Chiapas, CAM Campeche, TAB Tabasco, ROO Quintana Roo…). Mirrors the values of the
 * event contracts; the domain keeps its own copy because it may not depend on them.
 */
export const MEXICAN_STATES = [
  'AGU',
  'BCN',
  'BCS',
  'CAM',
  'CHP',
  'CHH',
  'CMX',
  'COA',
  'COL',
  'DUR',
  'GUA',
  'GRO',
  'HID',
  'JAL',
  'MEX',
  'MIC',
  'MOR',
  'NAY',
  'NLE',
  'OAX',
  'PUE',
  'QUE',
  'ROO',
  'SLP',
  'SIN',
  'SON',
  'TAB',
  'TAM',
  'TLA',
  'VER',
  'YUC',
  'ZAC',
] as const;
export type MexicanState = (typeof MEXICAN_STATES)[number];

export function isMexicanState(value: unknown): value is MexicanState {
  return typeof value === 'string' && (MEXICAN_STATES as readonly string[]).includes(value);
}
