export * from './number-state';
export * from './model';
export * from './state-machine';
export * from './numbers/contribution.entity';
export * from './cases/case.entity';
