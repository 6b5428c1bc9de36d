import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeFlagsOf, SERVICE_ENTRY, serviceNodeFlags } from './service-command';

const ROOT = join(__dirname, '..');

describe('nodeFlagsOf', () => {
  it("gives the options before the script, and none when there are none", () => {
    expect(nodeFlagsOf('node --max-semi-space-size=64 dist/apps/api/src/main.js')).toEqual(['--max-semi-space-size=64']);
    expect(nodeFlagsOf('node  dist/apps/api/src/main.js --port 3')).toEqual([]);
    expect(nodeFlagsOf('node --a --b=2 -r x y.js')).toEqual(['--a', '--b=2', '-r']);
  });

  it('refuses a command that is not node', () => {
    expect(() => nodeFlagsOf('ts-node main.ts')).toThrow(/not a node command/);
  });
});

describe("the service's Node options", () => {
  // One set of options wherever the service runs: npm start, npm run start:prod, the Dockerfile and the bench.
  it('are the same in npm start, npm run start:prod and the Dockerfile', () => {
    const flags = serviceNodeFlags(ROOT);
    expect(flags).toContain('--max-semi-space-size=64');
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['start:prod']).toBe(`node ${flags.join(' ')} ${SERVICE_ENTRY}`);
    expect(scripts.start.startsWith(`node ${flags.join(' ')} -r ts-node/register/transpile-only `)).toBe(true);
    const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'))![1];
    expect(JSON.parse(cmd)).toEqual(['node', ...flags, SERVICE_ENTRY]);
  });
});
