/**
 * @frontera/shared-application — the building blocks every context's use cases stand on: the
 * command runner (role → lock → load → scope → decide → one write with its events), reason-only
 * transition tables, command metadata and the ports every service implements (aggregate lock,
 * clock, ids, the aggregate repository shape). No infrastructure (lint: `type:application`).
 */
export type { CommandMetadata, EventMetadata, EventOrigin } from './commands/command-metadata';
export { CommandRunner } from './commands/command-runner';
export type {
  AccessPolicy,
  Changed,
  CommandRunnerDefinition,
  CommandRunnerDeps,
  Decide,
} from './commands/command-runner';
export type { AggregateLock } from './ports/aggregate-lock.port';
export type {
  AggregateRepository,
  SaveOptions,
  SaveOutcome,
  VersionedAggregate,
} from './ports/aggregate-repository.port';
export { offsetClock, systemClock } from './ports/clock.port';
export type { Clock } from './ports/clock.port';
export type { IdGenerator } from './ports/id-generator.port';
export { defineReasonTransitions, ReasonTransitionHandler } from './transitions/reason-transitions';
export type { ReasonTransition, ReasonTransitionCommand } from './transitions/reason-transitions';
