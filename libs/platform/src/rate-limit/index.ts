export * from './limit-charge';
export * from './limit-rule';
export * from './rate-limit.config';
export * from './rate-limiter';
export * from './rate-limit.module';
export * from './rate-limited';
