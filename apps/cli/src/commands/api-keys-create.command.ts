import { Command, CommandRunner, Option } from 'nest-commander';
import { ApiKeysService, ROLES, Role } from '@phonetrust/platform';
import { CliError } from '../cli-error';
import { Services } from '../services';

interface Flags {
  role?: string;
  name?: string;
  json?: boolean;
}

/**
 * `api-keys:create --role R --name N`: the same service as POST /v1/api-keys — audited (actor `system`,
 * reason "cli"), and every API process's key cache hears of it. The key is printed once and never again.
 */
@Command({ name: 'api-keys:create', description: 'Create an API key; prints the key once' })
export class ApiKeysCreateCommand extends CommandRunner {
  constructor(private readonly services: Services) {
    super();
  }

  async run(_args: string[], flags: Flags): Promise<void> {
    if (!flags.role || !(ROLES as readonly string[]).includes(flags.role)) throw new CliError(`--role must be one of ${ROLES.join(', ')}`);
    const name = flags.name?.trim();
    if (!name || name.length > 100 || /[\u0000-\u001f\u007f]/.test(name)) throw new CliError('--name is required: 1–100 printable characters');
    const created = await this.services.use((context) => context.get(ApiKeysService).create('system', name, flags.role as Role));
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(created)}\n`);
      return;
    }
    process.stdout.write(
      `Created ${created.role} key "${created.name}" (id ${created.id}, prefix ${created.prefix}).\n` +
        `Key (shown once, store it now):\n${created.key}\n`,
    );
  }

  @Option({ flags: '--role <role>', description: `one of ${ROLES.join(', ')}` })
  parseRole(value: string): string {
    return value;
  }

  @Option({ flags: '--name <name>', description: 'who or what uses the key' })
  parseName(value: string): string {
    return value;
  }

  @Option({ flags: '--json', description: 'print the created key as JSON' })
  parseJson(): boolean {
    return true;
  }
}
