import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ApiKeysService } from '@phonetrust/platform';

/** What must be true before the first request: the bootstrap admin key exists. */
@Injectable()
export class StartupTasks implements OnApplicationBootstrap {
  constructor(private readonly apiKeys: ApiKeysService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.apiKeys.ensureAdminKey();
  }
}
