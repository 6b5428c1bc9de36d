export * from './next-state';
export * from './evaluate-number';
export * from './number-history';
