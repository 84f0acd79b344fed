export * from './context';
export * from './commission-machine';
export * from './fold';
