export * from './case-record-purged';
export * from './closed-statuses';
export * from './erasure';
export * from './retention-parameters';
export * from './retention-scheduler';
