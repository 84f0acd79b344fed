export * from './events';
export * from './parameters';
export * from './rules';
export type {
  PspCaseContext,
  PspCaseInput,
  Period,
  DecisionCycle,
  ApsContext,
  AfisContext,
  DocumentOnFile,
} from './machine/context';
export { CASE_STATUSES, MACHINE_VERSION, pspCaseMachine, initialContext } from './machine/psp-case.machine';
export type { PspCaseMachine } from './machine/psp-case.machine';
export { GUARD_RULES } from './machine/guard-rules';
export type { GuardName, GuardRule } from './machine/guard-rules';
export * from './fold';
export * from './decide';
export * from './view';
