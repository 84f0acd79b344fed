export * from './read-model/read-model-database';
export * from './read-model/sqlite-read-model';
export * from './read-model/postgres-read-model';
export * from './projector/projection';
export * from './projector/projector-schema';
export * from './projector/projector';
export * from './views/case-state-cache';
export * from './views/case-list.projection';
