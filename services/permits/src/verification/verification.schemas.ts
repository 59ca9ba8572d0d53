import { Schema } from 'mongoose';

export const VERIFICATIONS_COLLECTION = 'permit_verifications';

/**
 * One permit as public verification answers it (decision 0036), found by ONE equality read on an
 * indexed top-level key: `_id` (the keyed index of the QR token, as `permits.tokenIndex`) or
 * `number` (compact, unique). It holds only what the answer shows — status, validity, last valid
 * day, the employer's public name, the worker's initials — and the year of birth as a keyed check
 * (`birthYearCheck`, an HMAC of number and year): no token, no year, no id of the worker or the
 * employer, nothing that lists or links permits.
 */
export interface PermitVerificationDocument {
  _id: string;
  number: string;
  status: string;
  validFrom: string;
  validUntil: string;
  lastValidDay: string;
  employerPublicName: string | null;
  workerInitials: string;
  birthYearCheck: string;
  /** The permit's version the entry was made from. */
  permitVersion: number;
  updatedAt: Date;
}

export const PermitVerificationSchema = new Schema<PermitVerificationDocument>(
  {
    _id: { type: String, required: true },
    number: { type: String, required: true },
    status: { type: String, required: true },
    validFrom: { type: String, required: true },
    validUntil: { type: String, required: true },
    lastValidDay: { type: String, required: true },
    employerPublicName: { type: String, default: null },
    workerInitials: { type: String, required: true },
    birthYearCheck: { type: String, required: true },
    permitVersion: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { minimize: false, versionKey: false, strict: 'throw', collection: VERIFICATIONS_COLLECTION },
);
PermitVerificationSchema.index({ number: 1 }, { unique: true });
