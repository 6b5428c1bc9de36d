import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { spawnCli } from './cli-harness';

const dir = mkdtempSync(join(tmpdir(), 'pt-cli-proc-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const NO_STACK = /\n\s+at /;

// A database that does not exist: anything that tried to connect would fail.
const NO_DATABASE = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', DATABASE_CONNECT_TIMEOUT_MS: '500' };

describe('the CLI as a process', () => {
  jest.setTimeout(180000);

  it('replays a file under two parameter sets without any database, with a table and an SVG chart', async () => {
    const csv = file(
      'sample.csv',
      [
        'phoneNumber,reporterId,category,occurredAt',
        '+14155550103,a,scam,2025-03-01T09:00:00Z',
        '+14155550103,b,scam,2025-03-01T10:00:00Z',
        '+14155550103,c,scam,2025-03-01T11:00:00Z',
        '+14155550104,d,spam,2025-03-02T09:00:00Z',
        '+14155550104,e,bogus,2025-03-02T09:00:00Z',
      ].join('\n'),
    );
    const chart = join(dir, 'chart.svg');
    const run = await spawnCli(['reports:replay', csv, '--review', '70', '--watch', '10', '--watch-leave', '8', '--until', '2025-03-03T00:00:00Z', '--chart', chart], NO_DATABASE);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Replayed 4 reports on 2 numbers, 2025-03-01T09:00:00.000Z → 2025-03-03T00:00:00.000Z');
    expect(run.stdout).toContain('thresholds.review.enter: 50 → 70');
    expect(run.stdout).toMatch(/review\s+1\s+0\n/);
    expect(run.stdout).toMatch(/watch\s+0\s+2\n/);
    expect(run.stdout).toMatch(/2025-03-01\s+2\s+1\n/);
    expect(run.stdout).toMatch(/\+14155550103\s+review \(peak review, HS 61\)\s+watch \(peak watch, HS 61\)/);
    expect(run.stdout).toContain('1 row(s) could not be read');
    expect(readFileSync(chart, 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>\n$/);

    const same = await spawnCli(['reports:replay', csv, '--until', '2025-03-03T00:00:00Z', '--json'], NO_DATABASE);
    expect(JSON.parse(same.stdout)).toMatchObject({ differing: [], changes: [] });
  });

  it('answers bad input with one line and a non-zero exit code, never a stack trace', async () => {
    const csv = file('one.csv', 'phoneNumber,reporterId,category\n+14155550103,a,scam\n');
    const cases: [string[], RegExp][] = [
      [['reports:replay', join(dir, 'missing.csv')], /^error: cannot read .*missing\.csv: no such file\n$/],
      [['reports:replay', csv, '--half-life', 'soon'], /^error: --half-life must be a duration/],
      [['reports:replay', csv, '--params', csv], /^error: .*one\.csv is not valid JSON\n$/],
      [['reports:replay', csv, '--review', '-3'], /^error: --review must be a number ≥ 0/],
      [['reports:import', csv], /^error: .*(ECONNREFUSED|connect).*\(is PostgreSQL running, and DATABASE_URL right\?\)\n$/],
      [['no-such-command'], /unknown command/],
    ];
    for (const [args, message] of cases) {
      const run = await spawnCli(args, NO_DATABASE);
      expect({ args, code: run.code }).toEqual({ args, code: expect.any(Number) });
      expect(run.code).not.toBe(0);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(NO_STACK);
    }
    const badEnv = await spawnCli(['migrate'], { DATABASE_URL: 'mysql://x' });
    expect(badEnv.code).toBe(2);
    expect(badEnv.stderr).toMatch(/DATABASE_URL must use postgres:/);
  });

  describe('on a database', () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase({ persistent: true });
    });
    afterAll(async () => {
      await db?.drop();
    });

    it('migrates, then imports a file as a real process, and a re-run imports nothing', async () => {
      const env = { ...db.env, LOG_LEVEL: 'error' };
      const migrate = await spawnCli(['migrate'], env);
      expect(migrate.stderr).toBe('');
      expect(migrate.stdout).toMatch(/^Applied 10 migration\(s\):\n  Foundation1764000000000\n[\s\S]*PartialImportKeyIndex1764000900000\n$/);
      expect((await spawnCli(['migrate'], env)).stdout).toBe('Schema up to date (10 migrations applied).\n');

      const csv = file('import.csv', 'phoneNumber,reporterId,category,occurredAt\n+14155550103,a,scam,2025-03-01T09:00:00Z\n+14155550103,b,nope,2025-03-01T09:00:00Z\n');
      const first = await spawnCli(['reports:import', csv], env);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/read {8}2\n {2}imported {4}1\n {2}duplicates {2}0/);
      expect(first.stdout).toContain('line 3: unknown category');
      const again = await spawnCli(['reports:import', csv, '--json'], env);
      expect(JSON.parse(again.stdout)).toMatchObject({ read: 2, imported: 0, duplicates: 1, refused: 1 });
    });
  });
});
