import { Contribution, emptyScore } from '../model/number-score';
import { ReportCategory, ScorePolicy } from '../model/policy';
import { assuranceOf, isLowAssurance, isLowTrust, ReporterContext, reportWeight, trustOf } from '../model/weight';
import { NumberState } from '../number-state/number-state';
import { evaluateNumber, NumberRecord, ScoreSummary, Transition } from './evaluate-number';

/** Test support: files reports against one number in memory, as the services do against rows. */
export interface SimReport {
  readonly reporter: number;
  readonly category: ReportCategory;
  readonly attested: boolean;
  readonly context: ReporterContext | null;
  readonly upheld: number;
  readonly rejected: number;
  /** Seconds since the previous report. */
  readonly after: number;
}

export interface SimStep {
  readonly state: NumberState;
  readonly summary: ScoreSummary;
  readonly transitions: readonly Transition[];
}

export class NumberSimulation {
  record: NumberRecord;
  now: number;
  readonly contributions = new Map<number, Contribution>();
  private nextId = 0;

  constructor(
    readonly policy: ScorePolicy,
    start = 1_700_000_000,
  ) {
    this.now = start;
    this.record = {
      state: 'ok',
      held: false,
      stateChangedAt: start,
      score: emptyScore(policy, start),
      reportCount: 0,
      decaysAt: null,
      decaysTo: null,
      nextEvaluationAt: null,
    };
  }

  file(report: SimReport): SimStep {
    this.now += report.after;
    const trust = trustOf(assuranceOf(report.context, this.policy), report.upheld, report.rejected, this.policy);
    const assurance = assuranceOf(report.context, this.policy);
    const weight = reportWeight({ trust, category: report.category, attested: report.attested }, this.policy);
    const evaluation = evaluateNumber(
      this.record,
      {
        kind: 'report',
        contribution: this.contributions.get(report.reporter) ?? null,
        report: {
          id: `r${this.nextId++}`,
          weight,
          category: report.category,
          lowAssurance: isLowAssurance(assurance, this.policy),
          lowTrust: isLowTrust(trust, this.policy),
        },
        attestedThreat: report.category === 'threat' && report.attested,
      },
      this.now,
      this.policy,
    );
    this.record = evaluation.record;
    if (evaluation.contribution) this.contributions.set(report.reporter, evaluation.contribution);
    return { state: this.record.state, summary: evaluation.summary, transitions: evaluation.transitions };
  }

  recheck(after: number): SimStep {
    this.now += after;
    const evaluation = evaluateNumber(this.record, { kind: 'recheck' }, this.now, this.policy);
    this.record = evaluation.record;
    return { state: this.record.state, summary: evaluation.summary, transitions: evaluation.transitions };
  }
}
