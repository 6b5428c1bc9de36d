import { describeRunFacts, RunFacts } from './run-facts';

const facts = (moved: number, cases: number, blocksRead: number, blocksHit: number): RunFacts => ({ moved, cases, blocksRead, blocksHit });

describe('describeRunFacts', () => {
  it("gives the run's own state changes, cases and blocks, per request where it can", () => {
    expect(describeRunFacts(facts(40, 7, 1000, 50000), facts(352, 47, 13800, 362400), 5120.4)).toBe(
      'state changes: 312 (6.1 per 100 of 5120 requests); cases opened: 40; blocks per request: 2.5 read, 61.0 hit',
    );
  });

  it('leaves the rates out when the run answered nothing', () => {
    expect(describeRunFacts(facts(3, 1, 10, 10), facts(3, 1, 12, 20), 0)).toBe('state changes: 0; cases opened: 0');
  });
});
