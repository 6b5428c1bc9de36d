import { DynamicModule, Module } from '@nestjs/common';
import { ApiKeysCreateCommand } from './commands/api-keys-create.command';
import { ApiKeysRevokeCommand } from './commands/api-keys-revoke.command';
import { MigrateCommand } from './commands/migrate.command';
import { ReportsImportCommand } from './commands/reports-import.command';
import { ReportsReplayCommand } from './commands/reports-replay.command';
import { CLI_CONFIG_VALUES, Services } from './services';

/** The commands, and the configuration validated at start-up; services open per command (see Services). */
@Module({})
export class CliModule {
  /** `services` replaces how commands reach the services (tests run commands against a running API app). */
  static forRoot(values: Map<string, unknown>, services?: Services): DynamicModule {
    return {
      module: CliModule,
      providers: [
        { provide: CLI_CONFIG_VALUES, useValue: values },
        services ? { provide: Services, useValue: services } : Services,
        MigrateCommand,
        ApiKeysCreateCommand,
        ApiKeysRevokeCommand,
        ReportsImportCommand,
        ReportsReplayCommand,
      ],
    };
  }
}
