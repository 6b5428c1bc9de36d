export * from './change-bus';
export * from './local-change-bus';
export * from './pg-change-bus';
export * from './change-bus.module';
