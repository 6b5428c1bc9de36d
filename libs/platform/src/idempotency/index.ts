export * from './idempotency-key.entity';
export * from './canonical-json';
export * from './idempotency';
export * from './idempotency.module';
