import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { DataDirLock } from './data-dir-lock';
import { esmImport } from './esm-import';

export const MEMORY_DIR = 'memory://';

/**
 * PostgreSQL in WASM (PGlite) served over the PostgreSQL wire protocol on a loopback port, so the app uses
 * the same `pg` driver and SQL as with a real server. One connection: PGlite runs one query at a time.
 */
export class EmbeddedPostgres {
  private constructor(
    readonly url: string,
    readonly dataDir: string | null,
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly lock: DataDirLock | null,
  ) {}

  /**
   * `maxConnections` above 1 is for tools that reach the embedded server from outside the app (tests that put a
   * proxy in front of it); the app itself always uses one connection.
   */
  static async start(dir: string, options: { maxConnections?: number } = {}): Promise<EmbeddedPostgres> {
    const inMemory = dir === MEMORY_DIR;
    const dataDir = inMemory ? null : resolve(dir);
    let lock: DataDirLock | null = null;
    if (dataDir) {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      lock = DataDirLock.acquire(join(dataDir, 'phonetrust.lock'));
    }
    try {
      const { PGlite } = await esmImport<typeof import('@electric-sql/pglite')>('@electric-sql/pglite');
      const { PGLiteSocketServer } = await esmImport<typeof import('@electric-sql/pglite-socket')>(
        '@electric-sql/pglite-socket',
      );
      const db = await PGlite.create(dataDir ? join(dataDir, 'pgdata') : MEMORY_DIR);
      const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: options.maxConnections ?? 1 });
      await server.start();
      const url = `postgres://postgres:postgres@${server.getServerConn()}/postgres`;
      return new EmbeddedPostgres(url, dataDir, db, server, lock);
    } catch (error) {
      lock?.release();
      throw error;
    }
  }

  async stop(): Promise<void> {
    try {
      await this.server.stop();
      await this.db.close();
    } finally {
      this.lock?.release();
    }
  }
}
