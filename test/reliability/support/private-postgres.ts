import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where Debian installs the server binaries (the newest major version present). */
function binDir(): string {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) throw new Error('PostgreSQL server binaries are not installed (/usr/lib/postgresql)');
  const version = readdirSync(root).sort((a, b) => Number(b) - Number(a))[0];
  return join(root, version, 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A throwaway PostgreSQL cluster of the battery's own (initdb in a temporary directory, its own port), so fault
 * tests can restart or stop the server without disturbing anything else using the machine's cluster.
 * Runs as the `postgres` OS user when the tests run as root (PostgreSQL refuses to run as root).
 */
export class PrivatePostgres {
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  static available(): boolean {
    try {
      binDir();
      return true;
    } catch {
      return false;
    }
  }

  static async create(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'phonetrust-pg-'));
    chmodSync(dir, 0o777);
    const data = join(dir, 'data');
    const port = await freePort();
    const pg = new PrivatePostgres(dir, port);
    if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
    pg.run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    pg.start();
    return pg;
  }

  start(): void {
    this.run('pg_ctl', [
      '-D',
      join(this.dir, 'data'),
      '-l',
      join(this.dir, 'server.log'),
      '-w',
      '-o',
      `-p ${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${this.dir} -c fsync=off -c max_connections=200`,
      'start',
    ]);
  }

  /** `fast`: clients are told to disconnect; `immediate`: the server dies as in a crash (recovery at start). */
  stop(mode: 'fast' | 'immediate' = 'fast'): void {
    this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-w', '-m', mode, 'stop']);
  }

  restart(mode: 'fast' | 'immediate'): void {
    this.stop(mode);
    this.start();
  }

  /** The battery's database on this cluster, created on first use: its URL for DATABASE_URL. */
  database(name = 'phonetrust'): string {
    if (this.psql(`SELECT count(*) FROM pg_database WHERE datname = '${name}'`).trim() === '0') this.psql(`CREATE DATABASE ${name}`);
    return `postgres://postgres@127.0.0.1:${this.port}/${name}`;
  }

  /** Runs SQL through psql on the cluster (for setup and inspection). */
  psql(sql: string, database = 'postgres'): string {
    return execFileSync('psql', ['-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', '-d', database, '-Atc', sql], { encoding: 'utf8' });
  }

  /** pg_dump of a database as text (plain SQL with data). */
  dump(database: string): string {
    return execFileSync(join(binDir(), 'pg_dump'), ['-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', database], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
  }

  destroy(): void {
    try {
      this.stop('immediate');
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private run(tool: string, args: string[]): void {
    const binary = join(binDir(), tool);
    if (process.getuid?.() === 0) execFileSync('runuser', ['-u', 'postgres', '--', binary, ...args], { stdio: 'ignore' });
    else execFileSync(binary, args, { stdio: 'ignore' });
  }
}
