export * from './field-paths';
export * from './disclose';
export * from './case-fields';
export * from './field-matrix';
