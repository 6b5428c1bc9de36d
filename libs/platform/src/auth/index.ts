export * from './role';
export * from './api-key.entity';
export * from './api-key-secret';
export * from './api-keys.service';
export * from './roles.decorator';
export * from './current-principal.decorator';
export * from './api-key.guard';
export * from './auth.module';
