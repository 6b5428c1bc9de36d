export * from './next-state';
export * from './evaluate-number';
