import { Inject, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Database } from '../database/open-database';
import { ChangeBus } from './change-bus';
import { LocalChangeBus } from './local-change-bus';
import { PgChangeBus } from './pg-change-bus';

@Injectable()
class ChangeBusLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(ChangeBus) private readonly bus: ChangeBus) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.bus.stop();
  }
}

/** LISTEN/NOTIFY on a PostgreSQL server; in-process on the embedded database (one process only). */
@Module({
  providers: [
    {
      provide: ChangeBus,
      inject: [Database],
      useFactory: (database: Database) =>
        database.isEmbedded ? new LocalChangeBus() : new PgChangeBus(connectionUrl(database)),
    },
    ChangeBusLifecycle,
  ],
  exports: [ChangeBus],
})
export class ChangeBusModule {}

function connectionUrl(database: Database): string {
  const options = database.dataSource.options as { url?: string };
  if (!options.url) throw new Error('the change bus needs the database URL');
  return options.url;
}
