export * from './periods';
export * from './opinions';
export * from './case-rules';
export * from './aps-rules';
export * from './afis-rules';
export * from './effect-dates';
export * from './person-periods';
export * from './afis-schedule';
