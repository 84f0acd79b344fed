export * from './generate-cases';
export * from './commission-69';
export * from './machine-decision';
