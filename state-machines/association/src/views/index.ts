export * from './agrement-view';
