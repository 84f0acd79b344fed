export * from './command/command-errors';
export * from './command/deterministic-id';
export * from './command/domain-event';
export * from './command/execute-command';
export * from './integrity/canonical-json';
export * from './integrity/event-hash';
