/** @frontera/shared-kernel/testing — helpers for specs of any context (never imported by production code). */
export { given, Given, When } from './given-when-then';
export type { RaisesEvents } from './given-when-then';
