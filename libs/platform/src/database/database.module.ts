import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { databaseConfig, DatabaseConfig } from '../config/platform.config';
import { MetricsRegistry } from '../metrics/metrics.registry';
import { DatabaseMetrics } from './database-metrics';
import { Database, DatabaseSchema, openDatabase } from './open-database';

@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(Database) private readonly database: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}

/**
 * Opens the database once for the process (migrations included) and closes it last on shutdown. Its statements and
 * pool are in the process's metrics when it has a registry (`DatabaseMetrics`).
 */
@Module({})
export class DatabaseModule {
  static forRoot(schema: DatabaseSchema): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [
        {
          provide: Database,
          inject: [databaseConfig.KEY, { token: MetricsRegistry, optional: true }],
          useFactory: (config: DatabaseConfig, metrics?: MetricsRegistry) =>
            openDatabase(config, schema, { observer: metrics ? new DatabaseMetrics(metrics) : undefined }),
        },
        { provide: DataSource, inject: [Database], useFactory: (database: Database) => database.dataSource },
        DatabaseLifecycle,
      ],
      exports: [Database, DataSource],
    };
  }
}
