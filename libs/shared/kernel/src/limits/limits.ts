/**
 * Lengths and sizes that request validation, domain rules and event contracts share, so the
 * three layers can never disagree (a reason the API accepts but the event contract refuses would
 * fail after the state changed). Use these, never a literal.
 */
export const LIMITS = {
  /** A reason given for a decision (suspension, rejection, revocation…), kept in histories and events. */
  REASON: 500,
  /** A person's or organisation's name part, a municipality, an activity or crop, an occupation. */
  NAME: 120,
  /** A person's full name (a contact, a legal representative). */
  FULL_NAME: 200,
  /** An e-mail address (RFC 5321's path limit). */
  EMAIL: 254,
  /** A phone number as typed (digits, spaces, "+", "-"). */
  PHONE: 30,
  /** An organisation's legal name (razón social). */
  LEGAL_NAME: 250,
  /** A street line of an address. */
  STREET: 200,
  /** A short explanation (a risk factor's evidence). */
  EXPLANATION: 200,
  /** A changed-field path listed in an event (`address.street`). */
  FIELD_PATH: 60,
  /** Ids: 1–64 characters of [A-Za-z0-9_-]. */
  ID: 64,
  /** Free-text description (a complaint, a finding's notes). */
  DESCRIPTION: 4_000,
  /** Items per page of any list. */
  PAGE_SIZE: 100,
  /**
   * Highest page number of any list: with PAGE_SIZE it keeps offsets small and exact (a page of
   * 1e308 once made the database refuse the offset with a 500).
   */
  PAGE: 10_000,
} as const;

export type Limit = keyof typeof LIMITS;

/** The id pattern of every entity and event contract: 1–64 letters, digits, `_` or `-`. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
