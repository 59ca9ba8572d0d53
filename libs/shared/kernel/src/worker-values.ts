/** Nationalities a border-worker permit is issued to, as ISO 3166-1 alpha-3 codes: Guatemala, Belize. */
export const WORKER_NATIONALITIES = ['GTM', 'BLZ'] as const;
export type WorkerNationality = (typeof WORKER_NATIONALITIES)[number];
