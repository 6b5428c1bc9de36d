import { packageOf, ProfileNode, summarizeAllocations } from './allocation-summary';

const node = (functionName: string, url: string, selfSize: number, children: ProfileNode[] = []): ProfileNode => ({
  callFrame: { functionName, url, lineNumber: 9 },
  selfSize,
  children,
});

describe('packageOf', () => {
  it("names an npm package, scoped or not, the service's module, or Node's own", () => {
    expect(packageOf('file:///app/node_modules/typeorm/driver/postgres/PostgresQueryRunner.js')).toBe('typeorm');
    expect(packageOf('/app/node_modules/@nestjs/core/router/x.js')).toBe('@nestjs/core');
    expect(packageOf('/app/dist/libs/scoring/src/numbers/score.js')).toBe('libs/scoring');
    expect(packageOf('node:internal/streams/writable')).toBe('node:internal/streams/writable');
    expect(packageOf('')).toBeNull();
  });
});

describe('summarizeAllocations', () => {
  it("counts a builtin's bytes to the package that called it, and leaves the sampler's own out", () => {
    const head = node('(root)', '', 0, [
      node('query', '/a/node_modules/typeorm/q.js', 100, [node('Promise', '', 50)]),
      node('parse', '/a/node_modules/libphonenumber-js/p.js', 30),
      node('post', 'node:inspector', 500, [node('stringify', '', 400)]),
    ]);
    const summary = summarizeAllocations(head);
    expect(summary.totalBytes).toBe(180);
    expect(Object.fromEntries(summary.byPackage)).toEqual({ typeorm: 150, 'libphonenumber-js': 30 });
    expect(summary.byFunction.get('query (typeorm:10)')).toBe(100);
    expect(summary.byFunction.get('Promise (typeorm:10)')).toBe(50);
  });
});
