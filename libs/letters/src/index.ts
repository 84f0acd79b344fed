export * from './letter-template';
export * from './render-letter';
export * from './templates';
export * from './decision-letters';
export * from './commission-papers';
