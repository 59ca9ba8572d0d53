/**
 * Snapshot paths of a worker that hold personal data — for the repository to encrypt at rest, field
 * by field. Not personal (kept in clear for statistics, scope and public verification): `sex`,
 * `nationality`, `birthYear`, the document's type and issuing country, status and duplicate flags.
 */
export const WORKER_PERSONAL_DATA_PATHS = [
  'givenNames',
  'surnames',
  'dateOfBirth',
  'identityDocument.number',
  'placeOfBirth',
  'homeAddress',
  'phone',
  'photoReference',
] as const;

export function personalDataPaths(): string[] {
  return [...WORKER_PERSONAL_DATA_PATHS];
}

/** Whether a field path (as histories and `changedFields` name them) is personal data. */
export function isPersonalDataField(field: string): boolean {
  return WORKER_PERSONAL_DATA_PATHS.some((path) => field === path || field.startsWith(`${path}.`));
}
