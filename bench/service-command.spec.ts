import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeFlagsOf, parseServiceEnv, SERVICE_ENTRY, serviceNodeFlags } from './service-command';

const ROOT = join(__dirname, '..');
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

describe('nodeFlagsOf', () => {
  it("gives the options before the script, and none when there are none", () => {
    expect(nodeFlagsOf('node --max-semi-space-size=64 dist/apps/api/src/main.js')).toEqual(['--max-semi-space-size=64']);
    expect(nodeFlagsOf('node  dist/apps/api/src/main.js --port 3')).toEqual([]);
    expect(nodeFlagsOf('node --a --b=2 -r x y.js')).toEqual(['--a', '--b=2', '-r', 'x']);
    expect(nodeFlagsOf('node -r ts-node/register --import y -r z main.ts')).toEqual(['-r', 'ts-node/register', '--import', 'y', '-r', 'z']);
  });

  it('refuses a command that is not node', () => {
    expect(() => nodeFlagsOf('ts-node main.ts')).toThrow(/not a node command/);
  });
});

describe("the service's Node options", () => {
  // One set of options wherever the service runs in production: npm run start:prod, the Dockerfile and the bench.
  it('are the same in npm run start:prod and the Dockerfile', () => {
    const flags = serviceNodeFlags(ROOT);
    expect(flags).toContain('--max-semi-space-size=64');
    expect(scripts['start:prod']).toBe(`node ${flags.join(' ')} ${SERVICE_ENTRY}`);
    const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))![1];
    expect(JSON.parse(cmd)).toEqual(['node', ...flags, SERVICE_ENTRY]);
  });

  // npm start is the embedded database's command (README's first lines): PGlite runs on the service's own thread, where
  // the larger semi-space bought no throughput and tripled each scavenge's pause (BENCHMARKS, nineteenth pass).
  it('are left out of npm start, which runs on the embedded database by default', () => {
    expect(scripts.start).not.toContain('--max-semi-space-size');
    // …and the bench's embedded runs start the compiled service with npm start's options, its preloads left out.
    expect(serviceNodeFlags(ROOT, true)).toEqual([]);
  });
});

describe('parseServiceEnv', () => {
  it('reads NAME=value words, an empty value included', () => {
    expect(parseServiceEnv(' DATABASE_POOL_SIZE=20  LOG_LEVEL=  ')).toEqual({ DATABASE_POOL_SIZE: '20', LOG_LEVEL: '' });
    expect(parseServiceEnv('')).toEqual({});
  });

  it('refuses a word that is not NAME=value', () => {
    expect(() => parseServiceEnv('DATABASE_POOL_SIZE')).toThrow('--env takes NAME=value words, not "DATABASE_POOL_SIZE"');
    expect(() => parseServiceEnv('pool=20')).toThrow('not "pool=20"');
  });
});
