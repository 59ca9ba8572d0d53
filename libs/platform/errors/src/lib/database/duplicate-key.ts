/** E11000: a unique index (or `_id`) of MongoDB / FerretDB refused a second document. */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
