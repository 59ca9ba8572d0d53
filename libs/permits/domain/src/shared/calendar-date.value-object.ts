/** The calendar date is the shared kernel's (the audits context uses the same value). */
export { CalendarDate, isLeapYear } from '@frontera/shared-kernel';
