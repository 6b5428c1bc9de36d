import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MEMORY_DIR } from '../database/embedded-postgres';

/**
 * Development defaults for secrets that production must set (OTP_SECRET, REPORTER_ID_SECRET, …): generated
 * once and kept in the data directory, so codes and hashes survive restarts and every local process agrees.
 * With an in-memory database they live as long as the process.
 */
export class DevSecrets {
  private readonly cache = new Map<string, string>();

  constructor(private readonly dataDir: string) {}

  get(name: string): string {
    const cached = this.cache.get(name);
    if (cached) return cached;
    const value = this.dataDir === MEMORY_DIR ? randomBytes(32).toString('hex') : this.fromFile(name);
    this.cache.set(name, value);
    return value;
  }

  private fromFile(name: string): string {
    const dir = resolve(this.dataDir);
    const file = join(dir, 'dev-secrets.json');
    let secrets: Record<string, string> = {};
    try {
      secrets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      // first use
    }
    if (!secrets[name]) {
      secrets[name] = randomBytes(32).toString('hex');
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    }
    return secrets[name];
  }
}
