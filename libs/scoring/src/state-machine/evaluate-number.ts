import { burstRecheckAt, isBurst } from '../model/burst-window';
import { addReport, clearScore, Contribution, CountedReport, decayScore, NumberScore, withdrawReport } from '../model/number-score';
import { ScorePolicy } from '../model/policy';
import { evidenceOf, harassmentScore, secondsUntilScoreBelow } from '../model/score';
import { liveCount } from '../model/live-reporters';
import { NumberState } from '../number-state/number-state';
import { AnalystDecision, decayExit, nextState, TransitionReason } from './next-state';

/** A number's row as the pure code sees it; times are seconds since the Unix epoch (database clock). */
export interface NumberRecord {
  readonly state: NumberState;
  readonly held: boolean;
  readonly stateChangedAt: number;
  readonly score: NumberScore;
  readonly reportCount: number;
  /** When the state leaves on decay if nothing else happens, and for which state. */
  readonly decaysAt: number | null;
  readonly decaysTo: NumberState | null;
  /** When the scheduler must look at the number again (decay, or the end of a burst that capped it). */
  readonly nextEvaluationAt: number | null;
}

export type NumberEvent =
  | { readonly kind: 'report'; readonly contribution: Contribution | null; readonly report: CountedReport; readonly attestedThreat: boolean }
  | { readonly kind: 'withdraw'; readonly contribution: Contribution; readonly reportId: string }
  | { readonly kind: 'decision'; readonly decision: AnalystDecision }
  /** The scheduler: nothing happened, time passed. */
  | { readonly kind: 'recheck' };

export interface Transition {
  readonly from: NumberState;
  readonly to: NumberState;
  readonly reason: TransitionReason;
  /** When it happened: a decay exit happened at its computed moment, everything else now. */
  readonly at: number;
  /** A decay exit that came due on its own (the system did it), not the event's doing. */
  readonly decayed: boolean;
  readonly byAnalyst: boolean;
  readonly score: number;
  readonly distinctReporters: number;
}

export interface ScoreSummary {
  readonly evidence: number;
  readonly score: number;
  readonly distinctReporters: number;
  readonly burst: boolean;
}

export interface Evaluation {
  readonly record: NumberRecord;
  /** The reporter's contribution after a report or a withdrawal; undefined when the event left it alone. */
  readonly contribution?: Contribution;
  /** In order; a decay exit that was due comes first. */
  readonly transitions: readonly Transition[];
  readonly summary: ScoreSummary;
  /** The event was an analyst decision (recorded even when the state stays). */
  readonly decided: boolean;
}

export function summarize(score: NumberScore, nowSeconds: number, policy: ScorePolicy): ScoreSummary {
  const evidence = evidenceOf(score, policy);
  return {
    evidence,
    score: harassmentScore(evidence, policy),
    distinctReporters: liveCount(score.live, nowSeconds),
    burst: isBurst(score.burst, nowSeconds, policy),
  };
}

/** The state readers see: a decay exit whose moment has passed has happened, written or not. */
export function effectiveState(record: Pick<NumberRecord, 'state' | 'decaysAt' | 'decaysTo'>, nowSeconds: number): NumberState {
  return record.decaysAt !== null && record.decaysTo !== null && record.decaysAt <= nowSeconds ? record.decaysTo : record.state;
}

/**
 * Applies one event to a number: first the decay exit that came due since the row was written (readers have
 * been seeing it already), then the event's change to the score, then `nextState`. Returns the new row, the
 * transitions to record (each exactly once: callers hold the row lock), and when to look again.
 */
export function evaluateNumber(record: NumberRecord, event: NumberEvent, nowSeconds: number, policy: ScorePolicy): Evaluation {
  const now = Math.max(nowSeconds, record.score.asOf);
  const transitions: Transition[] = [];
  let state = record.state;
  let held = record.held;
  let stateChangedAt = record.stateChangedAt;

  if (record.decaysAt !== null && record.decaysTo !== null && record.decaysAt <= now) {
    const atExit = summarize(decayScore(record.score, record.decaysAt, policy), record.decaysAt, policy);
    transitions.push({ from: state, to: record.decaysTo, reason: 'score_fell', at: record.decaysAt, decayed: true, byAnalyst: false, score: atExit.score, distinctReporters: atExit.distinctReporters });
    state = record.decaysTo;
    held = false;
    stateChangedAt = record.decaysAt;
  }

  let score = decayScore(record.score, now, policy);
  let contribution: Contribution | undefined;
  let attestedThreat = false;
  let reportCount = record.reportCount;
  switch (event.kind) {
    case 'report': {
      const change = addReport(score, event.contribution, event.report, now, policy);
      score = change.score;
      contribution = change.contribution;
      attestedThreat = event.attestedThreat;
      reportCount++;
      break;
    }
    case 'withdraw': {
      const change = withdrawReport(score, event.contribution, event.reportId, now, policy);
      if (change) {
        score = change.score;
        contribution = change.contribution;
      }
      break;
    }
    case 'decision':
      if (event.decision === 'reinstate') score = clearScore(score, now, policy);
      break;
    case 'recheck':
      break;
  }

  const summary = summarize(score, now, policy);
  const decision = nextState(
    {
      state,
      held,
      score: summary.score,
      distinctReporters: summary.distinctReporters,
      burst: summary.burst,
      attestedThreat,
      decision: event.kind === 'decision' ? event.decision : undefined,
    },
    policy,
  );
  if (decision.state !== state) {
    transitions.push({ from: state, to: decision.state, reason: decision.reason!, at: now, decayed: false, byAnalyst: event.kind === 'decision', ...pick(summary) });
    stateChangedAt = now;
  }
  state = decision.state;
  held = decision.held;

  const exit = decayExit(state, held, policy);
  const exitIn = exit ? secondsUntilScoreBelow(score, exit.below, policy) : null;
  const decaysAt = exit && exitIn !== null ? now + exitIn : null;
  const recheck = decision.cappedByBurst ? burstRecheckAt(score.burst, now, policy) : null;
  const candidates = [decaysAt, recheck].filter((t): t is number => t !== null);

  return {
    record: {
      state,
      held,
      stateChangedAt,
      score,
      reportCount,
      decaysAt,
      decaysTo: decaysAt === null ? null : exit!.to,
      nextEvaluationAt: candidates.length ? Math.min(...candidates) : null,
    },
    contribution,
    transitions,
    summary,
    decided: event.kind === 'decision',
  };
}

function pick(summary: ScoreSummary): { score: number; distinctReporters: number } {
  return { score: summary.score, distinctReporters: summary.distinctReporters };
}
