export * from './context';
export * from './agrement-machine';
export * from './fold';
export * from './decide';
