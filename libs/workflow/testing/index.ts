export * from './generate-cases';
export * from './commission-69';
