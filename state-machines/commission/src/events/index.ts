export * from './event';
export * from './membership-events';
export * from './session-events';
