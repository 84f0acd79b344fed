export * from './command/command-errors';
export * from './command/deterministic-id';
export * from './command/domain-event';
export * from './command/execute-command';
export {
  FoldCache,
  foldCacheOf,
  configureFoldCache,
  type CommandRecord,
  type FoldCacheOptions,
  type LoadedStream,
} from './command/fold-cache';
export * from './command/idempotency-binding';
export * from './integrity/canonical-json';
export * from './integrity/event-hash';
export * from './cases/case-access';
export * from './cases/case-commands';
export * from './cases/case-command-handler';
export * from './cases/decision-papers';
export * from './cases/case-stream';
export * from './cases/registry-facts';
export * from './cases/case-query';
export * from './cases/case-file';
export * from './cases/person-directory';
export * from './cases/afis-payment-run';
export * from './deadlines/deadline-scheduler';
export * from './registries/association-stream';
export * from './registries/commission-streams';
export * from './registries/store-registry-facts';
export * from './registries/registry-commands';
export * from './registries/association-access';
export * from './registries/association-commands';
export * from './registries/association-command-handler';
export * from './registries/association-query';
export * from './registries/commission-access';
export * from './registries/commission-commands';
export * from './registries/sitting-papers';
export * from './registries/commission-command-handler';
export * from './registries/commission-opinion-dispatcher';
export * from './registries/commission-query';
export * from './deadlines/registry-deadline-scheduler';
export * from './privacy';
export * from './parameters/parameter-changes';
