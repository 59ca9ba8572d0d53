/** The final outcome an agency reports (docs/domain/audits.md#referrals), a proposal of codes. */
export const REFERRAL_OUTCOMES = [
  'CASE_OPENED',
  'VICTIMS_ASSISTED',
  'SANCTION_IMPOSED',
  'REFERRED_ELSEWHERE',
  'NO_ACTION',
] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

export const REFERRAL_STATUSES = ['AWAITING_ACKNOWLEDGEMENT', 'ACKNOWLEDGED', 'CLOSED'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const REFERRAL_SOURCE_TYPES = ['AUDIT', 'COMPLAINT'] as const;
export type ReferralSourceType = (typeof REFERRAL_SOURCE_TYPES)[number];

export interface ReferralSource {
  readonly type: ReferralSourceType;
  /** The audit task or the complaint. */
  readonly id: string;
}
