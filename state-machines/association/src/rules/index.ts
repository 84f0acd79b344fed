export * from './application-rules';
export * from './clock-rules';
export * from './decision-rules';
export * from './event-rules';
export * from './validity';
