/**
 * What the printable permit card shows, as plain strings: the HTTP adapter of
 * `GET /permits/:id/card.pdf` fills it from the permit, its worker, the employer read model and the
 * kernel's state names, and {@link PermitCardRenderer} turns it into a PDF. Nothing here is domain
 * code: the renderer only lays the strings out (docs/domain/permits.md, "Card").
 *
 * The card carries personal data (the worker's name): it is a response body, never something to
 * log, and the renderer keeps it out of the PDF's metadata.
 */
export interface PermitCardView {
  /** The worker's given names and surnames as printed, e.g. `José Luis Pérez Núñez`. */
  readonly workerFullName: string;
  /** The reference of the stored photo (an id, not the image); `''` when the worker has none. */
  readonly photoReference: string;
  /** The permit number as printed, check character included: `TVTF-CHP-26-K7Q9-M2XW-C`. */
  readonly permitNumber: string;
  /** The employer's registered name. */
  readonly employerName: string;
  /** The worksite's state, ISO 3166-2:MX code without the `MX-` prefix: `CHP`. */
  readonly worksiteStateCode: string;
  /** The worksite's state name: `Chiapas`. */
  readonly worksiteStateName: string;
  /** First day of validity, `YYYY-MM-DD`. */
  readonly validFrom: string;
  /** Last day of validity, `YYYY-MM-DD`. */
  readonly validUntil: string;
  /** The permit's status code: `ACTIVE`, `SUSPENDED`, `REVOKED`, `EXPIRED` or `ENDED` (others are printed as given). */
  readonly status: string;
  /** The permit's verification token: the QR code opens `${publicBaseUrl}/verify/${token}`. */
  readonly verificationToken: string;
}
