export * from './phone-number';
export * from './parse-phone';
export * from './mask-phone';
export * from './number-prefix';
export * from './normalize-digits';
