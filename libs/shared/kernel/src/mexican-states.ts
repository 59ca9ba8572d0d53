/**
 * Mexican states (the 31 states and Mexico City) as ISO 3166-2:MX subdivision codes without the
 * "MX-" prefix, e.g. CHP Chiapas, CAM Campeche, TAB Tabasco, ROO Quintana Roo.
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

/** Subdivision names as ISO 3166-2:MX lists them. */
export const MEXICAN_STATE_NAMES: Readonly<Record<MexicanState, string>> = Object.freeze({
  AGU: 'Aguascalientes',
  BCN: 'Baja California',
  BCS: 'Baja California Sur',
  CAM: 'Campeche',
  CHP: 'Chiapas',
  CHH: 'Chihuahua',
  CMX: 'Ciudad de México',
  COA: 'Coahuila de Zaragoza',
  COL: 'Colima',
  DUR: 'Durango',
  GUA: 'Guanajuato',
  GRO: 'Guerrero',
  HID: 'Hidalgo',
  JAL: 'Jalisco',
  MEX: 'México',
  MIC: 'Michoacán de Ocampo',
  MOR: 'Morelos',
  NAY: 'Nayarit',
  NLE: 'Nuevo León',
  OAX: 'Oaxaca',
  PUE: 'Puebla',
  QUE: 'Querétaro',
  ROO: 'Quintana Roo',
  SLP: 'San Luis Potosí',
  SIN: 'Sinaloa',
  SON: 'Sonora',
  TAB: 'Tabasco',
  TAM: 'Tamaulipas',
  TLA: 'Tlaxcala',
  VER: 'Veracruz de Ignacio de la Llave',
  YUC: 'Yucatán',
  ZAC: 'Zacatecas',
});

export function isMexicanState(value: unknown): value is MexicanState {
  return typeof value === 'string' && (MEXICAN_STATES as readonly string[]).includes(value);
}

/**
 * The states the TVTF program (Tarjeta de Visitante Trabajador Fronterizo) covers today: Chiapas,
 * Campeche, Tabasco, Quintana Roo. A default only: coverage changes by decree, so services read the
 * states in effect from configuration.
 */
export const TVTF_ELIGIBLE_STATES: readonly MexicanState[] = Object.freeze(['CHP', 'CAM', 'TAB', 'ROO']);
