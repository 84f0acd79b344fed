export * from './generate-cases';
