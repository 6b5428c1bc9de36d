import { BurstWindow, EMPTY_BURST_WINDOW, pruneBurst, recordBurst } from './burst-window';
import { decay } from './decay';
import { advanceLive, emptyLiveCounter, LiveCounter, liveSlice, liveSliceWidth, moveLive } from './live-reporters';
import { ReportCategory, ScorePolicy } from './policy';
import { evidenceOf, EvidenceMass } from './score';

/**
 * What a number's row holds of its score, with every decayed value stored as (value, as-of time). All values
 * decay at one rate, so the sums below stay exact when decayed together: adding a report changes this and the
 * reporter's own contribution, never the other reporters' rows.
 */
export interface NumberScore extends EvidenceMass {
  /** When `normal` and `low` had these values (seconds since the epoch, from the database clock). */
  readonly asOf: number;
  /** Bumped when an analyst reinstates the number: contributions of an older epoch are spent. */
  readonly epoch: number;
  readonly live: LiveCounter;
  readonly burst: BurstWindow;
}

/** One reporter's live contribution to one number: at most one report's weight, decaying. */
export interface Contribution {
  readonly value: number;
  readonly asOf: number;
  readonly low: boolean;
  readonly epoch: number;
  /** The report whose weight the value is; rejecting that report withdraws the contribution. */
  readonly sourceReportId: string | null;
  readonly category: ReportCategory | null;
}

export interface CountedReport {
  readonly id: string;
  readonly weight: number;
  readonly category: ReportCategory;
  /** The reporter has the lowest assurance: the value goes to the capped pool. */
  readonly lowAssurance: boolean;
  /** The reporter's trust is below the burst threshold. */
  readonly lowTrust: boolean;
}

export function emptyScore(policy: ScorePolicy, nowSeconds: number, epoch = 0): NumberScore {
  return { normal: 0, low: 0, asOf: nowSeconds, epoch, live: emptyLiveCounter(policy), burst: EMPTY_BURST_WINDOW };
}

/** The score as of `nowSeconds`: masses decayed, ended live slices and old burst minutes dropped. */
export function decayScore(score: NumberScore, nowSeconds: number, policy: ScorePolicy): NumberScore {
  const elapsed = nowSeconds - score.asOf;
  const now = Math.max(nowSeconds, score.asOf);
  return {
    normal: decay(score.normal, elapsed, policy.halfLifeSeconds),
    low: decay(score.low, elapsed, policy.halfLifeSeconds),
    asOf: now,
    epoch: score.epoch,
    live: advanceLive(score.live, now),
    burst: pruneBurst(score.burst, now, policy),
  };
}

/** A contribution's value now; contributions of an earlier epoch count for nothing. */
export function contributionValue(contribution: Contribution | null, epoch: number, nowSeconds: number, policy: ScorePolicy): number {
  if (!contribution || contribution.epoch !== epoch) return 0;
  return decay(contribution.value, nowSeconds - contribution.asOf, policy.halfLifeSeconds);
}

/** True when the live counter was built under another half-life or epsilon and must be rebuilt first. */
export function liveCounterStale(score: NumberScore, policy: ScorePolicy): boolean {
  return Math.abs(score.live.width - liveSliceWidth(policy)) > 1e-9 * liveSliceWidth(policy);
}

/** Rebuilds D's counter from the number's contributions (rare: after a change of half-life). */
export function rebuildLive(contributions: readonly Pick<Contribution, 'value' | 'asOf'>[], nowSeconds: number, policy: ScorePolicy): LiveCounter {
  let live = emptyLiveCounter(policy);
  for (const c of contributions) live = moveLive(live, liveSlice(c.value, c.asOf, policy, live.width), 1, nowSeconds);
  return live;
}

function withoutContribution(score: NumberScore, contribution: Contribution | null, nowSeconds: number, policy: ScorePolicy): NumberScore {
  const value = contributionValue(contribution, score.epoch, nowSeconds, policy);
  if (!contribution || contribution.epoch !== score.epoch) return score;
  const slice = liveSlice(contribution.value, contribution.asOf, policy, score.live.width);
  return {
    ...score,
    normal: contribution.low ? score.normal : Math.max(0, score.normal - value),
    low: contribution.low ? Math.max(0, score.low - value) : score.low,
    live: moveLive(score.live, slice, -1, nowSeconds),
  };
}

export interface ScoreChange {
  readonly score: NumberScore;
  /** The reporter's contribution after the change (unchanged when the report did not raise it). */
  readonly contribution: Contribution;
}

/**
 * A counted report: the reporter's contribution becomes max(its decayed value, w) — a repeat report tops it
 * back up, never stacks — and the number's masses and live counter follow. Every report enters the burst window.
 */
export function addReport(
  score: NumberScore,
  contribution: Contribution | null,
  report: CountedReport,
  nowSeconds: number,
  policy: ScorePolicy,
): ScoreChange {
  const current = decayScore(score, nowSeconds, policy);
  const now = current.asOf;
  const burst = recordBurst(current.burst, now, report.lowTrust, policy);
  const existing = contributionValue(contribution, current.epoch, now, policy);
  if (contribution && contribution.epoch === current.epoch && existing > report.weight) {
    return { score: { ...current, burst }, contribution };
  }
  const removed = withoutContribution(current, contribution, now, policy);
  const replaced: NumberScore = {
    ...removed,
    normal: report.lowAssurance ? removed.normal : removed.normal + report.weight,
    low: report.lowAssurance ? removed.low + report.weight : removed.low,
    live: moveLive(removed.live, liveSlice(report.weight, now, policy, removed.live.width), 1, now),
    burst,
  };
  // A reporter now in the capped pool (its context changed) whose report would lower E keeps its old one:
  // a report never lowers the score.
  if (contribution && contribution.epoch === current.epoch && evidenceOf(replaced, policy) < evidenceOf(current, policy) - 1e-12) {
    return { score: { ...current, burst }, contribution };
  }
  const added: Contribution = {
    value: report.weight,
    asOf: now,
    low: report.lowAssurance,
    epoch: current.epoch,
    sourceReportId: report.id,
    category: report.category,
  };
  return { score: replaced, contribution: added };
}

/** A rejected report: if it is the one the reporter's contribution stands on, the contribution leaves E and D. */
export function withdrawReport(
  score: NumberScore,
  contribution: Contribution,
  reportId: string,
  nowSeconds: number,
  policy: ScorePolicy,
): ScoreChange | null {
  if (contribution.sourceReportId !== reportId || contribution.epoch !== score.epoch) return null;
  const current = decayScore(score, nowSeconds, policy);
  return {
    score: withoutContribution(current, contribution, current.asOf, policy),
    contribution: { ...contribution, value: 0, asOf: current.asOf, sourceReportId: null },
  };
}

/** Reinstatement: every live contribution is spent (a new epoch), and the burst window starts again. */
export function clearScore(score: NumberScore, nowSeconds: number, policy: ScorePolicy): NumberScore {
  return emptyScore(policy, Math.max(nowSeconds, score.asOf), score.epoch + 1);
}
