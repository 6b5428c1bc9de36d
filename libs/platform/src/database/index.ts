export * from './open-database';
export * from './embedded-postgres';
export * from './database.module';
export * from './database-metrics';
export * from './database-observer';
export * from './pg-errors';
export * from './query-rows';
export * from './statements';
