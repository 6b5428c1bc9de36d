export * from './is-phone-input';
export * from './is-merchant-id';
export * from './is-otp-code';
export * from './is-locale';
export * from './is-reporter-id';
export * from './is-past-date-time';
export * from './stored-text';
