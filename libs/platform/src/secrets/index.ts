export * from './dev-secrets';
export * from './secrets.module';
