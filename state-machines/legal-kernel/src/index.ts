export * from './calendar-date';
export * from './rule-result';
export * from './parameter-table';
export * from './mermaid';
export * from './rule-book';
