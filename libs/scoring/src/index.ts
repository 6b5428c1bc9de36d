export * from './number-state';
