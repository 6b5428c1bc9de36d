export * from './reports/report.entity';
export * from './reporters/reporter.entity';
