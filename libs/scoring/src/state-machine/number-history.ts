import { decay } from '../model/decay';
import { Contribution, CountedReport, decayScore, emptyScore } from '../model/number-score';
import { ScorePolicy } from '../model/policy';
import { evaluateNumber, NumberRecord, ScoreSummary, summarize, Transition } from './evaluate-number';

/** A report of the past, to be counted at its own moment (seconds since the epoch). */
export interface HistoricReport {
  readonly at: number;
  /** Groups one reporter's reports on the number (the reporter hash, or any stable id). */
  readonly reporter: string;
  readonly report: CountedReport;
  readonly attestedThreat: boolean;
}

export interface HistoryStart {
  readonly record: NumberRecord;
  readonly contributions?: ReadonlyMap<string, Contribution>;
  /** When each reporter's last counted report was (the dedupe window starts there). */
  readonly lastCounted?: ReadonlyMap<string, number>;
}

/** A number that was never reported, as of `startSeconds`. */
export function freshNumberRecord(policy: ScorePolicy, startSeconds: number): NumberRecord {
  return {
    state: 'ok',
    held: false,
    stateChangedAt: startSeconds,
    score: emptyScore(policy, startSeconds),
    reportCount: 0,
    decaysAt: null,
    decaysTo: null,
    nextEvaluationAt: null,
  };
}

// A recheck never schedules another at or before its own moment; this only guards against a policy that would.
const MAX_RECHECKS_PER_STEP = 16;

/**
 * Plays one number's reports through `evaluateNumber` in time order, as the live service would have counted
 * them one by one — with the scheduler's rechecks (decay exits, the end of a burst) at their due moments in
 * between, and the dedupe window. Used by the bulk import (the number's rows) and the replay (in memory), so
 * neither has a copy of the model.
 *
 * A report older than the number's score (`score.asOf`: the number was updated later) cannot be put back in
 * the past: it is counted at `asOf` with its weight already decayed from its own moment to then. That is exact
 * for E and for D (exponential decay: w·2^(−(t−at)/h) is the same curve either way, and a contribution's live
 * horizon depends on value and time only through that curve); only the burst window sees it at `asOf`.
 */
export class NumberHistory {
  private current: NumberRecord;
  private readonly contributionsOf: Map<string, Contribution>;
  private readonly lastCountedOf: Map<string, number>;
  /** Every transition so far, in order (decay exits at their computed moment). */
  readonly transitions: Transition[] = [];
  /** Contributions this history changed (to write back). */
  readonly changed = new Map<string, { contribution: Contribution; countedAt: number; reportId: string }>();

  constructor(
    private readonly policy: ScorePolicy,
    start: HistoryStart,
    private readonly dedupeWindowSeconds: number,
  ) {
    this.current = start.record;
    this.contributionsOf = new Map(start.contributions ?? []);
    this.lastCountedOf = new Map(start.lastCounted ?? []);
  }

  get record(): NumberRecord {
    return this.current;
  }

  /** Counts the report unless it repeats the reporter's last counted one inside the dedupe window. */
  report(input: HistoricReport): { counted: boolean } {
    this.advanceTo(input.at);
    const last = this.lastCountedOf.get(input.reporter);
    if (last !== undefined && input.at >= last && input.at - last < this.dedupeWindowSeconds) return { counted: false };

    const asOf = this.current.score.asOf;
    const at = Math.max(input.at, asOf);
    const weight = input.at < asOf ? decay(input.report.weight, asOf - input.at, this.policy.halfLifeSeconds) : input.report.weight;
    const evaluation = evaluateNumber(
      this.current,
      {
        kind: 'report',
        contribution: this.contributionsOf.get(input.reporter) ?? null,
        report: { ...input.report, weight },
        attestedThreat: input.attestedThreat,
      },
      at,
      this.policy,
    );
    this.current = evaluation.record;
    this.transitions.push(...evaluation.transitions);
    if (evaluation.contribution) this.contributionsOf.set(input.reporter, evaluation.contribution);
    const countedAt = Math.max(last ?? -Infinity, input.at);
    this.lastCountedOf.set(input.reporter, countedAt);
    this.changed.set(input.reporter, {
      contribution: this.contributionsOf.get(input.reporter)!,
      countedAt,
      reportId: input.report.id,
    });
    return { counted: true };
  }

  /** What the scheduler would have done up to `atSeconds`: every evaluation that came due, at its moment. */
  advanceTo(atSeconds: number): void {
    for (let i = 0; i < MAX_RECHECKS_PER_STEP; i++) {
      const due = this.current.nextEvaluationAt;
      if (due === null || due > atSeconds) return;
      const evaluation = evaluateNumber(this.current, { kind: 'recheck' }, due, this.policy);
      this.current = evaluation.record;
      this.transitions.push(...evaluation.transitions);
      if (this.current.nextEvaluationAt !== null && this.current.nextEvaluationAt <= due) return;
    }
  }

  /** Score, evidence and D at a moment (after advancing to it). */
  summaryAt(atSeconds: number): ScoreSummary {
    this.advanceTo(atSeconds);
    const at = Math.max(atSeconds, this.current.score.asOf);
    return summarize(decayScore(this.current.score, at, this.policy), at, this.policy);
  }
}
