export * from './events.config';
export * from './events-webhook.handler';
export * from './events.module';
