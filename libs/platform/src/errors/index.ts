export * from './app-error';
export * from './platform-error';
export * from './error-body';
