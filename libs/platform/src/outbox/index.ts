export * from './outbox-message.entity';
export * from './outbox';
export * from './outbox.config';
export * from './outbox-handler';
export * from './outbox-dispatcher';
export * from './outbox.module';
export * from './backoff';
export * from './domain-events';
