export * from './display-decision';
export * from './display.config';
export * from './display.service';
export * from './display.module';
