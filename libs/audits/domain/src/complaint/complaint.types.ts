/** How a complaint arrived. */
export const COMPLAINT_CHANNELS = ['WEB', 'PHONE', 'IN_PERSON', 'EMAIL', 'WHATSAPP', 'OTHER'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

/** What a complainant sees of the status: nothing about audits, dates, employers or other complaints. */
export const COMPLAINANT_STATUSES = ['RECEIVED', 'UNDER_REVIEW', 'CLOSED'] as const;
export type ComplainantStatus = (typeof COMPLAINANT_STATUSES)[number];

/** The languages a complainant may ask to be contacted in. */
export const CONTACT_LANGUAGES = ['es', 'en'] as const;
export type ContactLanguage = (typeof CONTACT_LANGUAGES)[number];
