export * from './env-reader';
export * from './config-namespace';
export * from './platform.config';
export * from './config.module';
