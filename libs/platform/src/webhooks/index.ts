export * from './webhook-signature';
export * from './post-json';
