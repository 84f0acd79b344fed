export * from './app-config';
export * from './open-read-model';
export * from './open-vault';
export * from './progress-display';
