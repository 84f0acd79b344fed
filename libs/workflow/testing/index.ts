export * from './generate-cases';
export * from './commission-69';
export * from './machine-decision';
export * from './append-case';
