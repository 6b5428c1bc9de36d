import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';

/**
 * An exclusive lock on a data directory, held by a pid file, so two processes never open one embedded
 * database (PGlite is single-process: two writers would corrupt it). A lock left by a dead process is taken over.
 */
export class DataDirLock {
  private constructor(private readonly path: string) {}

  static acquire(path: string): DataDirLock {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, 'wx', 0o600);
        writeSync(fd, String(process.pid));
        closeSync(fd);
        return new DataDirLock(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = readHolder(path);
        if (holder !== undefined && holder !== process.pid && isAlive(holder)) {
          throw new Error(
            `The embedded database in ${path.replace(/\/[^/]+$/, '')} is in use by process ${holder}; ` +
              'stop it, or set EMBEDDED_DB_DIR to another directory (or DATABASE_URL to a PostgreSQL server).',
          );
        }
        if (holder === process.pid) {
          throw new Error(`The embedded database lock ${path} is already held by this process.`);
        }
        try {
          unlinkSync(path);
        } catch {
          // another process removed the stale lock first; the next attempt decides who gets it
        }
      }
    }
    throw new Error(`Could not lock the embedded database (${path}): another process took it.`);
  }

  release(): void {
    if (readHolder(this.path) === process.pid) {
      try {
        unlinkSync(this.path);
      } catch {
        // already gone
      }
    }
  }
}

function readHolder(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
