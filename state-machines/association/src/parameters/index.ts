export * from './agrement-parameters';
