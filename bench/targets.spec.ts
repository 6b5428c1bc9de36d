import { PathFigures, targetVerdicts, verdictTable } from './targets';

const row = (name: string, figures: Partial<PathFigures> = {}): PathFigures => ({
  name,
  label: name,
  phase: '',
  ratio: 1,
  pacedP99: 1,
  rawPacedP99: 1,
  ownPacedP99: null,
  statementPacedP99: null,
  failures: 0,
  ...figures,
});

describe('targetVerdicts', () => {
  it('holds each path to its own lines, at the line itself included', () => {
    const verdicts = targetVerdicts(
      [row('display', { ratio: 1.5, pacedP99: 5.01 }), row('report', { ratio: 0.4973, pacedP99: 25 }), row('check', { ratio: 0.6 })],
      false,
    );
    expect(verdicts.map((v) => [v.target, v.met])).toEqual([
      ['display: ≥ 1.5× raw', true],
      ['display: paced p99 ≤ 5 ms', false],
      ['report: ≥ 0.5× raw', false],
      ['report: paced p99 ≤ 25 ms', true],
      ['check: ≥ 0.6× raw', true],
    ]);
    expect(verdicts[2].measured).toBe('0.497×');
  });

  it('names the phase, gives the baseline p99 beside the service and skips what was not measured', () => {
    const verdicts = targetVerdicts(
      [row('batch', { phase: ' — after 1M reports', pacedP99: 4.2, rawPacedP99: 6.04 }), row('start'), row('report', { pacedP99: null })],
      false,
    );
    expect(verdicts).toEqual([
      { target: 'batch — after 1M reports: ≥ 1.5× raw', measured: '1.000×', met: false },
      { target: 'batch — after 1M reports: paced p99 ≤ 5 ms', measured: '4.2 ms (raw 6.0 ms)', met: true },
      { target: 'report: ≥ 0.5× raw', measured: '1.000×', met: true },
    ]);
  });

  it("says the service's own time beside a paced p99, judging the client's", () => {
    const verdicts = targetVerdicts([row('report', { pacedP99: 43.2, rawPacedP99: 19.6, ownPacedP99: 10 })], false);
    expect(verdicts[1]).toEqual({ target: 'report: paced p99 ≤ 25 ms', measured: "43.2 ms (raw 19.6 ms; the service's own time ≤ 10 ms)", met: false });
    const withDatabase = targetVerdicts([row('report', { pacedP99: 43.2, ownPacedP99: 50, statementPacedP99: 15 })], false);
    expect(withDatabase[1].measured).toBe("43.2 ms (raw 1.0 ms; the service's own time ≤ 50 ms; a database statement ≤ 15 ms)");
  });

  it('on the embedded database asks every path for no errors, and nothing of ratios', () => {
    const verdicts = targetVerdicts([row('start', { ratio: null, failures: 0 }), row('report', { ratio: null, failures: 3 })], true);
    expect(verdicts).toEqual([
      { target: 'start: no errors', measured: '0 errors + non-2xx', met: true },
      { target: 'report: no errors', measured: '3 errors + non-2xx', met: false },
    ]);
    expect(verdictTable(verdicts)).toContain('| report: no errors | 3 errors + non-2xx | **missed** |');
  });
});
