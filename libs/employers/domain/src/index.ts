export const EMPLOYERS_DOMAIN = 'employers';
