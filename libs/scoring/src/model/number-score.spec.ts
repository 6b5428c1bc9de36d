import fc from 'fast-check';
import { NumberSimulation, SimReport } from '../state-machine/simulation.fixture';
import { summarize } from '../state-machine/evaluate-number';
import { decay } from './decay';
import { liveSlice, liveSliceWidth } from './live-reporters';
import { addReport, decayScore, emptyScore } from './number-score';
import { DEFAULT_SCORE_POLICY, REPORT_CATEGORIES, scorePolicy } from './policy';
import { evidenceOf, harassmentScore } from './score';

const P = DEFAULT_SCORE_POLICY;
const H = P.halfLifeSeconds;

const context = fc.option(fc.record({ accountAgeDays: fc.integer({ min: 0, max: 400 }), verifiedBuyer: fc.boolean() }), { nil: null });
const report = (reporters: number, maxGap = H): fc.Arbitrary<SimReport> =>
  fc.record({
    reporter: fc.integer({ min: 0, max: reporters - 1 }),
    category: fc.constantFrom(...REPORT_CATEGORIES),
    attested: fc.boolean(),
    context,
    upheld: fc.integer({ min: 0, max: 30 }),
    rejected: fc.integer({ min: 0, max: 30 }),
    after: fc.integer({ min: 0, max: maxGap }),
  });
const reports = (reporters: number, maxLength = 40) => fc.array(report(reporters), { minLength: 1, maxLength });

function run(list: readonly SimReport[]) {
  const sim = new NumberSimulation(P);
  const steps = list.map((r) => sim.file(r));
  return { sim, steps };
}

describe('a number\'s score, kept incrementally', () => {
  it('tops a repeat report up to w instead of stacking it', () => {
    const sim = new NumberSimulation(P);
    const base = { reporter: 1, category: 'scam' as const, attested: true, context: null, upheld: 10, rejected: 0 };
    sim.file({ ...base, after: 0 });
    const once = evidenceOf(sim.record.score, P);
    sim.file({ ...base, after: 0 });
    sim.file({ ...base, after: H });
    expect(once).toBeCloseTo(2.0);
    expect(evidenceOf(sim.record.score, P)).toBeCloseTo(2.0);
    expect(sim.record.reportCount).toBe(3);
  });

  it('lets lowest-assurance reporters add at most 3.0 together', () => {
    const sim = new NumberSimulation(P);
    for (let i = 0; i < 20; i++) sim.file({ reporter: i, category: 'threat', attested: false, context: { accountAgeDays: 1, verifiedBuyer: false }, upheld: 30, rejected: 0, after: 0 });
    expect(sim.record.score.low).toBeGreaterThan(3);
    expect(evidenceOf(sim.record.score, P)).toBe(3);
  });

  it('is monotone in reports: one more report never lowers the score', () => {
    fc.assert(
      fc.property(reports(6), report(8), (list, extra) => {
        const { sim } = run(list);
        const t = sim.now + extra.after;
        const without = summarize(decayScore(sim.record.score, t, P), t, P);
        const withIt = new NumberSimulation(P);
        Object.assign(withIt, { record: sim.record, now: sim.now });
        for (const [k, v] of sim.contributions) withIt.contributions.set(k, v);
        const step = withIt.file(extra);
        expect(step.summary.evidence).toBeGreaterThanOrEqual(without.evidence - 1e-9);
        expect(step.summary.score).toBeGreaterThanOrEqual(without.score);
        expect(step.summary.distinctReporters).toBeGreaterThanOrEqual(without.distinctReporters);
      }),
    );
  });

  it('stays an integer between 0 and 100', () => {
    fc.assert(
      fc.property(reports(30, 60), (list) => {
        for (const step of run(list).steps) {
          expect(Number.isInteger(step.summary.score)).toBe(true);
          expect(step.summary.score).toBeGreaterThanOrEqual(0);
          expect(step.summary.score).toBeLessThanOrEqual(100);
        }
      }),
    );
  });

  it('decays: without reports the score never rises, and reaches 0', () => {
    fc.assert(
      fc.property(reports(10), fc.array(fc.integer({ min: 0, max: 3 * H }), { minLength: 1, maxLength: 10 }), (list, gaps) => {
        const { sim } = run(list);
        let t = sim.now;
        let previous = summarize(decayScore(sim.record.score, t, P), t, P).score;
        for (const gap of gaps) {
          t += gap;
          const now = summarize(decayScore(sim.record.score, t, P), t, P);
          expect(now.score).toBeLessThanOrEqual(previous);
          previous = now.score;
        }
        expect(summarize(decayScore(sim.record.score, t + 60 * H, P), t + 60 * H, P).score).toBe(0);
      }),
    );
  });

  it('keeps E equal to the sum of the reporters\' decayed contributions (low pool capped)', () => {
    fc.assert(
      fc.property(reports(8), (list) => {
        const { sim } = run(list);
        let normal = 0;
        let low = 0;
        for (const c of sim.contributions.values()) {
          const v = decay(c.value, sim.now - c.asOf, H);
          if (c.low) low += v;
          else normal += v;
        }
        const e = evidenceOf(decayScore(sim.record.score, sim.now, P), P);
        expect(e).toBeCloseTo(normal + Math.min(low, 3), 9);
      }),
    );
  });

  it('counts D as the reporters whose contribution is at least epsilon, to one slice of rounding', () => {
    const width = liveSliceWidth(P);
    fc.assert(
      fc.property(reports(12), fc.integer({ min: 0, max: 6 * H }), (list, later) => {
        const { sim } = run(list);
        const t = sim.now + later;
        const d = summarize(decayScore(sim.record.score, t, P), t, P).distinctReporters;
        const liveAt = (time: number) =>
          [...sim.contributions.values()].filter((c) => c.value > 0 && decay(c.value, time - c.asOf, H) >= P.live.epsilon).length;
        expect(d).toBeGreaterThanOrEqual(liveAt(t));
        expect(d).toBeLessThanOrEqual(liveAt(t - width));
      }),
    );
  });

  it('puts each live contribution in the slice where it falls below epsilon', () => {
    const width = liveSliceWidth(P);
    const slice = liveSlice(2.0, 0, P)!;
    const expiry = H * Math.log2(2.0 / P.live.epsilon);
    expect(slice * width).toBeGreaterThanOrEqual(expiry);
    expect((slice - 1) * width).toBeLessThan(expiry);
    expect(liveSlice(0.09, 0, P)).toBeNull();
  });

  it('rebuilds nothing and loses nothing when the number is reported at one instant by many', () => {
    let score = emptyScore(P, 0);
    for (let i = 0; i < 50; i++) {
      score = addReport(score, null, { id: `r${i}`, weight: 2, category: 'scam', lowAssurance: false, lowTrust: false }, 0, P).score;
    }
    const summary = summarize(score, 0, P);
    expect(summary.distinctReporters).toBe(50);
    expect(summary.evidence).toBeCloseTo(100);
    expect(summary.score).toBe(harassmentScore(100, P));
  });

  it('works at a half-life of seconds as at one of days', () => {
    const fast = scorePolicy({ halfLifeSeconds: 3 });
    const sim = new NumberSimulation(fast);
    for (let i = 0; i < 5; i++) sim.file({ reporter: i, category: 'scam', attested: true, context: { accountAgeDays: 365, verifiedBuyer: true }, upheld: 0, rejected: 0, after: 0.2 });
    expect(sim.record.state).toBe('restricted');
    const later = sim.recheck(sim.record.decaysAt! - sim.now + 0.001);
    expect(later.transitions.map((t) => [t.from, t.to])).toEqual([['restricted', 'review']]);
  });
});
