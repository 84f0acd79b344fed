export * from './psp-parameters';
