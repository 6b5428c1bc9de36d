import fc from 'fast-check';
import { NumberSimulation, SimReport } from '../state-machine/simulation.fixture';
import { summarize } from '../state-machine/evaluate-number';
import { decayScore, CountedReport } from './number-score';
import { DEFAULT_SCORE_POLICY, REPORT_CATEGORIES } from './policy';
import { replayScore, ScoreHistoryEvent } from './score-history';
import { harassmentScore } from './score';
import { assuranceOf, isLowAssurance, isLowTrust, reportWeight, trustOf } from './weight';

const P = DEFAULT_SCORE_POLICY;
const H = P.halfLifeSeconds;
const T0 = 1_700_000_000;

/** The event a NumberSimulation report becomes in the history (weights computed as the services do). */
function toEvent(r: SimReport, at: number, id: string): ScoreHistoryEvent {
  const assurance = assuranceOf(r.context, P);
  const trust = trustOf(assurance, r.upheld, r.rejected, P);
  const report: CountedReport = {
    id,
    weight: reportWeight({ trust, category: r.category, attested: r.attested }, P),
    category: r.category,
    lowAssurance: isLowAssurance(assurance, P),
    lowTrust: isLowTrust(trust, P),
  };
  return { kind: 'report', at, reporter: `reporter-${r.reporter}`, report };
}

const trusted = (reporter: number, after = 0): SimReport => ({
  reporter,
  category: 'scam',
  attested: true,
  context: { accountAgeDays: 365, verifiedBuyer: true },
  upheld: 0,
  rejected: 0,
  after,
});

const simReport: fc.Arbitrary<SimReport> = fc.record({
  reporter: fc.integer({ min: 0, max: 7 }),
  category: fc.constantFrom(...REPORT_CATEGORIES),
  attested: fc.boolean(),
  context: fc.option(fc.record({ accountAgeDays: fc.integer({ min: 0, max: 400 }), verifiedBuyer: fc.boolean() }), { nil: null }),
  upheld: fc.integer({ min: 0, max: 20 }),
  rejected: fc.integer({ min: 0, max: 20 }),
  after: fc.integer({ min: 0, max: H }),
});

describe('replayScore: the score over time', () => {
  it('ends where the live score is, for any sequence of reports, and decays like it afterwards', () => {
    fc.assert(
      fc.property(fc.array(simReport, { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 3 * H }), (reports, later) => {
        const sim = new NumberSimulation(P, T0);
        const events = reports.map((r, i) => {
          sim.file(r);
          return toEvent(r, sim.now, `r${i}`);
        });
        const end = sim.now + later;
        const points = replayScore(events, [sim.now, end], P);
        const expectedNow = summarize(decayScore(sim.record.score, sim.now, P), sim.now, P);
        const expectedLater = summarize(decayScore(sim.record.score, end, P), end, P);
        const last = points.at(-1)!;
        const afterLastReport = points.filter((p) => p.event === 'report').at(-1)!;
        expect(afterLastReport.score).toBe(expectedNow.score);
        expect(afterLastReport.distinctReporters).toBe(expectedNow.distinctReporters);
        expect(last.at).toBe(end);
        expect(last.score).toBe(expectedLater.score);
        expect(last.evidence).toBeCloseTo(expectedLater.evidence, 9);
        expect(last.distinctReporters).toBe(expectedLater.distinctReporters);
      }),
      { numRuns: 200 },
    );
  });

  it('steps at each report (a point before and after it) and samples in time order', () => {
    const events = [toEvent(trusted(1), T0, 'a'), toEvent(trusted(2), T0 + H, 'b')];
    const points = replayScore(events, [T0 + H / 2, T0 + 2 * H], P);
    expect(points.map((p) => [p.at - T0, p.event])).toEqual([
      [0, null],
      [0, 'report'],
      [H / 2, null],
      [H, null],
      [H, 'report'],
      [2 * H, null],
    ]);
    expect(points.map((p) => p.score)).toEqual([
      0,
      harassmentScore(2, P),
      harassmentScore(2 * 2 ** -0.5, P),
      harassmentScore(1, P),
      harassmentScore(3, P),
      harassmentScore(1.5, P),
    ]);
    expect(replayScore(events, [], P, { eventPoints: false })).toEqual([]);
    expect(replayScore([], [], P)).toEqual([]);
  });

  it('takes a rejected report out only while the reporter\'s contribution stands on it', () => {
    const first = toEvent({ ...trusted(1), category: 'other' }, T0, 'weak');
    const stronger = toEvent(trusted(1), T0 + 10, 'strong');
    const withdrawWeak: ScoreHistoryEvent = { kind: 'withdraw', at: T0 + 20, reporter: 'reporter-1', reportId: 'weak' };
    const withdrawStrong: ScoreHistoryEvent = { kind: 'withdraw', at: T0 + 30, reporter: 'reporter-1', reportId: 'strong' };
    const points = replayScore([first, stronger, withdrawWeak, withdrawStrong], [], P);
    const after = (kind: string) => points.filter((p) => p.event === kind).map((p) => Math.round(p.evidence * 1000) / 1000);
    expect(after('report')).toEqual([0.75, 2]); // an attested 'other': 1 × 0.5 × 1.5
    expect(after('withdraw')).toEqual([2, 0]);
    expect(points.at(-1)!.distinctReporters).toBe(0);
  });

  it('spends everything at a reinstatement; reports after it count afresh', () => {
    const events: ScoreHistoryEvent[] = [
      toEvent(trusted(1), T0, 'a'),
      toEvent(trusted(2), T0 + 1, 'b'),
      { kind: 'reinstate', at: T0 + 2 },
      toEvent(trusted(1, 0), T0 + 3, 'c'),
    ];
    const points = replayScore(events, [], P).filter((p) => p.event !== null);
    expect(points.map((p) => [p.event, p.score, p.distinctReporters])).toEqual([
      ['report', harassmentScore(2, P), 1],
      ['report', harassmentScore(4, P), 2],
      ['reinstate', 0, 0],
      ['report', harassmentScore(2, P), 1],
    ]);
  });
});
