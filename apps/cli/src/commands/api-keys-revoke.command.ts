import { Command, CommandRunner } from 'nest-commander';
import { ApiKeysService, PlatformError } from '@phonetrust/platform';
import { CliError } from '../cli-error';
import { Services } from '../services';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `api-keys:revoke ID`: as DELETE /v1/api-keys/{id} — idempotent, audited, and every API process stops accepting it. */
@Command({ name: 'api-keys:revoke', arguments: '<id>', description: 'Revoke an API key by id' })
export class ApiKeysRevokeCommand extends CommandRunner {
  constructor(private readonly services: Services) {
    super();
  }

  async run([id]: string[]): Promise<void> {
    if (!UUID.test(id)) throw new CliError(`"${id}" is not an API key id (a UUID)`);
    try {
      await this.services.use((context) => context.get(ApiKeysService).revoke('system', id.toLowerCase()));
    } catch (error) {
      if (error instanceof PlatformError && error.code === 'not_found') throw new CliError(`no API key with id ${id}`);
      throw error;
    }
    process.stdout.write(`Revoked API key ${id.toLowerCase()}.\n`);
  }
}
