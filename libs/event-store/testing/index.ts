export * from './event-store-contract';
export * from './postgres-test-database';
export * from './snapshot-store-contract';
