export * from './number-state';
export * from './number.entity';
export * from './number-state.reader';
export * from './number-state.module';
