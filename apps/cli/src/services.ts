import { DynamicModule, Inject, Injectable, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuditModule, AuthModule, ConfigModule, DatabaseModule, MetricsModule } from '@phonetrust/platform';
import { ReportingModule } from '@phonetrust/reporting';
import { SCHEMA } from '@phonetrust/schema';
import { ScoringModule } from '@phonetrust/scoring';
import { CLI_CONFIG } from './cli-config';
import { StderrLogger } from './stderr-logger';

export const CLI_CONFIG_VALUES = 'CLI_CONFIG_VALUES';

/** The feature modules the API runs, without HTTP: same data-source factory, same services, same audit. */
@Module({})
class CliServicesModule {
  static forRoot(values: Map<string, unknown>): DynamicModule {
    return {
      module: CliServicesModule,
      imports: [ConfigModule.fromValues(values, CLI_CONFIG), DatabaseModule.forRoot(SCHEMA), MetricsModule, AuthModule, AuditModule, ScoringModule, ReportingModule],
    };
  }
}

/**
 * Opens the services for one command and closes them after it. Built on demand rather than at start-up, so
 * `reports:replay` and `--help` never open a database.
 */
@Injectable()
export class Services {
  constructor(@Inject(CLI_CONFIG_VALUES) private readonly values: Map<string, unknown>) {}

  async use<T>(work: (context: INestApplicationContext) => Promise<T>): Promise<T> {
    const context = await NestFactory.createApplicationContext(CliServicesModule.forRoot(this.values), {
      logger: new StderrLogger(),
      abortOnError: false,
    });
    try {
      await context.init();
      return await work(context);
    } finally {
      await context.close();
    }
  }

  config<T>(key: string): T {
    return this.values.get(key) as T;
  }
}
