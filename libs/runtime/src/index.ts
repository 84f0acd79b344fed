export * from './app-config';
export * from './open-read-model';
export * from './open-vault';
export * from './abuse-limits-config';
export * from './token-revocations';
export * from './progress-display';
export * from './environment';
export * from './tracing';
