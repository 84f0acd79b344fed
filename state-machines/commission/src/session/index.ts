export * from './context';
export * from './session-machine';
export * from './fold';
