export * from './cursor';
export * from './phone-input';
export * from './id-param.pipe';
