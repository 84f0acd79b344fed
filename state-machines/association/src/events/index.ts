export * from './agrement-events';
