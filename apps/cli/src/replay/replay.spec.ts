import { ImportedReport } from '@phonetrust/reporting';
import { DEFAULT_SCORE_POLICY as P } from '@phonetrust/scoring';
import { candidatePolicy, parseDuration, policyDifferences } from './replay-params';
import { ReplayCollector } from './replay-reports';
import { escapeXml, transitionsChart } from './transitions-chart';

const T0 = Date.parse('2025-03-01T09:00:00Z') / 1000;
const report = (phoneNumber: string, reporterId: string, category: ImportedReport['category'], at: number): ImportedReport => ({
  importKey: `${phoneNumber}-${reporterId}-${at}`,
  phoneNumber,
  reporterId,
  category,
  description: null,
  channel: null,
  at,
  occurredAt: null,
  evidence: null,
  reporterContext: null,
});

function collector(): ReplayCollector {
  const c = new ReplayCollector();
  // Out of time order on purpose: the replay sorts each number's reports.
  c.add(report('+14155550103', 'c', 'scam', T0 + 7200));
  c.add(report('+14155550103', 'a', 'scam', T0));
  c.add(report('+14155550103', 'b', 'scam', T0 + 3600));
  c.add(report('+14155550104', 'd', 'spam', T0 + 86400));
  return c;
}

describe('ReplayCollector', () => {
  const options = { untilSeconds: T0 + 2 * 86400, dedupeWindowSeconds: 86400 };

  it('counts final states, transitions per day and the numbers whose outcome differs', () => {
    const result = collector().compare(P, candidatePolicy(P, undefined, { review: 70, watch: 10, watchLeave: 8 }), options);
    expect(result).toMatchObject({ reports: 4, numbers: 2, from: '2025-03-01T09:00:00.000Z' });
    expect(result.states.review).toEqual({ current: 1, replayed: 0 });
    expect(result.states.watch).toEqual({ current: 0, replayed: 2 });
    expect(result.states.ok).toEqual({ current: 1, replayed: 0 });
    expect(result.perDay).toEqual([
      { day: '2025-03-01', current: 2, replayed: 1 },
      { day: '2025-03-02', current: 0, replayed: 1 },
    ]);
    expect(result.differing.map((d) => [d.phoneNumber, d.current.state, d.replayed.state])).toEqual([
      ['+14155550103', 'review', 'watch'],
      ['+14155550104', 'ok', 'watch'],
    ]);
  });

  it('replays the current parameters to no difference, and a shorter half-life decays watch away sooner', () => {
    expect(collector().compare(P, P, options).differing).toEqual([]);
    const c = new ReplayCollector();
    c.add(report('+14155550105', 'a', 'scam', T0));
    const result = c.compare(P, candidatePolicy(P, { halfLife: '1d' }, {}), { ...options, untilSeconds: T0 + 5 * 86400 });
    expect(result.differing).toMatchObject([{ current: { state: 'watch' }, replayed: { state: 'ok', peak: 'watch' } }]);
  });
});

describe('candidatePolicy', () => {
  it('merges a parameters file, then flags, and names what changed', () => {
    const p = candidatePolicy(P, { thresholds: { review: { reporters: 3 } }, severity: { spam: 0.5 } }, { halfLife: '7d', weight: ['threat=3'], review: 45 });
    expect(p.thresholds.review).toEqual({ enter: 45, reporters: 3 });
    expect(p.severity).toMatchObject({ spam: 0.5, threat: 3, scam: 2 });
    expect(p.halfLifeSeconds).toBe(7 * 86400);
    expect(policyDifferences(P, p)).toEqual([
      'halfLifeSeconds: 2592000 → 604800',
      'severity.spam: 1 → 0.5',
      'severity.threat: 2.5 → 3',
      'thresholds.review.enter: 50 → 45',
      'thresholds.review.reporters: 2 → 3',
    ]);
  });

  it('refuses unknown keys, non-numbers and bad weights by name', () => {
    expect(() => candidatePolicy(P, { thresholds: { revue: {} } }, {})).toThrow('unknown parameter thresholds.revue');
    expect(() => candidatePolicy(P, { maxWeight: 'big' }, {})).toThrow('maxWeight must be a number ≥ 0');
    expect(() => candidatePolicy(P, [], {})).toThrow(/JSON object/);
    expect(() => candidatePolicy(P, undefined, { weight: ['rude=2'] })).toThrow(/--weight takes category=severity/);
    expect(() => candidatePolicy(P, undefined, { watch: 10 })).toThrow(/lower --watch-leave too/);
    expect(() => parseDuration('soon', '--half-life')).toThrow(/duration such as/);
    expect(parseDuration('12h', 'x')).toBe(43200);
  });
});

describe('transitionsChart', () => {
  it('draws one bar per non-zero value, fills the days between, and escapes text', () => {
    const svg = transitionsChart(
      'A <b>&</b> "title"',
      [
        { day: '2025-03-01', values: [2, 1] },
        { day: '2025-03-04', values: [0, 3] },
      ],
      [
        { label: 'current', color: '#888' },
        { label: 'replayed', color: '#d00' },
      ],
    );
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<title>A &lt;b&gt;&amp;&lt;/b&gt; &quot;title&quot;</title>');
    expect(svg.match(/<rect x="[^"]+" y="[^"]+" width/g)).toHaveLength(3 + 2);
    expect(svg).toContain('2025-03-03');
    expect(svg).not.toContain('<b>');
    expect(escapeXml(`'`)).toBe('&#39;');
  });
});
