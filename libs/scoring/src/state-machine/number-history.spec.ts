import { DEFAULT_SCORE_POLICY as P, ReportCategory } from '../model/policy';
import { freshNumberRecord, HistoricReport, NumberHistory } from './number-history';

const DAY = 86400;
const NOW = 1_760_000_000;
let ids = 0;
const report = (reporter: string, at: number, category: ReportCategory = 'scam', weight = 1.4): HistoricReport => ({
  at,
  reporter,
  report: { id: `r${ids++}`, weight, category, lowAssurance: false, lowTrust: false },
  attestedThreat: false,
});

describe('NumberHistory', () => {
  it('counts a two-year-old report already decayed: it weighs far less than a new one', () => {
    const old = new NumberHistory(P, { record: freshNumberRecord(P, NOW - 730 * DAY) }, DAY);
    old.report(report('a', NOW - 730 * DAY));
    const fresh = new NumberHistory(P, { record: freshNumberRecord(P, NOW) }, DAY);
    fresh.report(report('a', NOW));
    expect(fresh.summaryAt(NOW).evidence).toBeCloseTo(1.4);
    expect(old.summaryAt(NOW).evidence).toBeLessThan(1.4 * Math.pow(2, -24));
    expect(old.summaryAt(NOW).distinctReporters).toBe(0);
  });

  it('a report older than the score is folded in decayed: the same E and D as in time order', () => {
    const inOrder = new NumberHistory(P, { record: freshNumberRecord(P, NOW - 40 * DAY) }, DAY);
    inOrder.report(report('a', NOW - 40 * DAY));
    inOrder.report(report('b', NOW - 10 * DAY, 'harassment', 1.05));
    const late = new NumberHistory(P, { record: freshNumberRecord(P, NOW - 10 * DAY) }, DAY);
    late.report(report('b', NOW - 10 * DAY, 'harassment', 1.05));
    late.report(report('a', NOW - 40 * DAY));
    expect(late.summaryAt(NOW).evidence).toBeCloseTo(inOrder.summaryAt(NOW).evidence, 9);
    expect(late.summaryAt(NOW).distinctReporters).toBe(inOrder.summaryAt(NOW).distinctReporters);
  });

  it('a repeat by the same reporter inside the dedupe window is not counted; after it, only tops up', () => {
    const h = new NumberHistory(P, { record: freshNumberRecord(P, NOW) }, DAY);
    expect(h.report(report('a', NOW)).counted).toBe(true);
    expect(h.report(report('a', NOW + 3600)).counted).toBe(false);
    expect(h.report(report('a', NOW + 2 * DAY)).counted).toBe(true);
    expect(h.summaryAt(NOW + 2 * DAY).evidence).toBeCloseTo(1.4);
    expect(h.record.reportCount).toBe(2);
  });

  it('climbs the ladder with the state machine and decays back out of watch at the computed moment', () => {
    const h = new NumberHistory(P, { record: freshNumberRecord(P, NOW) }, DAY);
    for (let i = 0; i < 7; i++) h.report(report(`r${i}`, NOW + i * 600, 'scam', 2));
    expect(h.record.state).toBe('suspended');
    expect(h.transitions.map((t) => t.to)).toEqual(['watch', 'review', 'restricted', 'suspended']);

    const w = new NumberHistory(P, { record: freshNumberRecord(P, NOW) }, DAY);
    w.report(report('a', NOW, 'scam', 1.4));
    expect(w.record.state).toBe('watch');
    w.summaryAt(NOW + 365 * DAY);
    const exit = w.transitions.at(-1)!;
    expect(exit).toMatchObject({ from: 'watch', to: 'ok', decayed: true });
    expect(exit.at).toBeGreaterThan(NOW);
    expect(exit.at).toBeLessThan(NOW + 365 * DAY);
  });
});
