export * from './policy';
export * from './weight';
export * from './decay';
export * from './score';
export * from './live-reporters';
export * from './burst-window';
export * from './number-score';
export * from './score-history';
