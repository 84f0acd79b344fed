export * from './commission-parameters';
