import { Module } from '@nestjs/common';
import { databaseConfig, DatabaseConfig } from '../config/platform.config';
import { DevSecrets } from './dev-secrets';

@Module({
  providers: [{ provide: DevSecrets, inject: [databaseConfig.KEY], useFactory: (config: DatabaseConfig) => new DevSecrets(config.embeddedDir) }],
  exports: [DevSecrets],
})
export class SecretsModule {}
