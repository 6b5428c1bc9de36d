import { liveCount } from './live-reporters';
import { addReport, clearScore, Contribution, CountedReport, decayScore, emptyScore, NumberScore, withdrawReport } from './number-score';
import { ScorePolicy } from './policy';
import { evidenceOf, harassmentScore } from './score';

/** What happened to a number's score, as stored: times are seconds since the Unix epoch. */
export type ScoreHistoryEvent =
  /** A counted report with the weight it was counted with; `reporter` groups one reporter's reports. */
  | { readonly kind: 'report'; readonly at: number; readonly reporter: string; readonly report: CountedReport }
  /** A report rejected by an analyst (its contribution leaves only if it still stands on that report). */
  | { readonly kind: 'withdraw'; readonly at: number; readonly reporter: string; readonly reportId: string }
  /** An analyst reinstated the number: every live contribution was spent. */
  | { readonly kind: 'reinstate'; readonly at: number };

export interface ScoreHistoryPoint {
  readonly at: number;
  readonly score: number;
  readonly evidence: number;
  readonly distinctReporters: number;
  /** The event this point comes right after; null for a plain sample (or the moment just before an event). */
  readonly event: ScoreHistoryEvent['kind'] | null;
}

export interface ReplayOptions {
  /** A point just before and just after each event (steps drawn as steps); off for very long histories. */
  readonly eventPoints?: boolean;
}

/**
 * The score over time, replayed from the number's history with the same functions that keep the live score —
 * top-ups, the low-assurance cap, withdrawals, reinstatements' new epochs — so the last point agrees with the
 * number's score. O(events + samples); for charts (analyst reads), not for decisions.
 */
export function replayScore(
  events: readonly ScoreHistoryEvent[],
  sampleTimes: readonly number[],
  policy: ScorePolicy,
  options: ReplayOptions = {},
): ScoreHistoryPoint[] {
  const ordered = [...events].sort((a, b) => a.at - b.at);
  const samples = [...sampleTimes].sort((a, b) => a - b);
  const eventPoints = options.eventPoints ?? true;
  const start = Math.min(ordered[0]?.at ?? Infinity, samples[0] ?? Infinity);
  if (!Number.isFinite(start)) return [];

  let score: NumberScore = emptyScore(policy, start);
  const contributions = new Map<string, Contribution>();
  const points: ScoreHistoryPoint[] = [];
  const point = (at: number, event: ScoreHistoryPoint['event']) => {
    const current = decayScore(score, at, policy);
    const evidence = evidenceOf(current, policy);
    points.push({ at, score: harassmentScore(evidence, policy), evidence, distinctReporters: liveCount(current.live, current.asOf), event });
  };

  let s = 0;
  for (const event of ordered) {
    // A sample at the moment of an event shows the score before it.
    while (s < samples.length && samples[s] <= event.at) point(samples[s++], null);
    if (eventPoints) point(event.at, null);
    score = apply(score, contributions, event, policy);
    if (eventPoints) point(event.at, event.kind);
  }
  while (s < samples.length) point(samples[s++], null);
  return points;
}

function apply(score: NumberScore, contributions: Map<string, Contribution>, event: ScoreHistoryEvent, policy: ScorePolicy): NumberScore {
  switch (event.kind) {
    case 'report': {
      const change = addReport(score, contributions.get(event.reporter) ?? null, event.report, event.at, policy);
      contributions.set(event.reporter, change.contribution);
      return change.score;
    }
    case 'withdraw': {
      const contribution = contributions.get(event.reporter);
      const change = contribution ? withdrawReport(score, contribution, event.reportId, event.at, policy) : null;
      if (!change) return score;
      contributions.set(event.reporter, change.contribution);
      return change.score;
    }
    case 'reinstate':
      return clearScore(score, event.at, policy);
  }
}
