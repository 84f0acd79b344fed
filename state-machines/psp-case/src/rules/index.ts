export * from './periods';
export * from './opinions';
export * from './case-rules';
export * from './aps-rules';
export * from './afis-rules';
export * from './document-rules';
