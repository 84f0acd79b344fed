export * from './notification';
export * from './notification-rules';
export * from './outbox-store';
export * from './outbox-feeder';
export * from './outbox-deliverer';
export * from './agrement-alerts';
export * from './commission-alerts';
