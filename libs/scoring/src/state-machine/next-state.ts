import { ScorePolicy } from '../model/policy';
import { NUMBER_STATES, NumberState } from '../number-state/number-state';

/** What an analyst may decide about a number (SPEC §6 `POST /v1/numbers/{n}/suspend|restrict|reinstate`). */
export const ANALYST_DECISIONS = ['suspend', 'restrict', 'reinstate'] as const;
export type AnalystDecision = (typeof ANALYST_DECISIONS)[number];

/** Why a number changed state; in audit entries and `number.state_changed` events. */
export type TransitionReason = 'score_threshold' | 'attested_threat' | 'score_fell' | 'analyst_decision';

export interface StateInput {
  readonly state: NumberState;
  /** Set by an analyst's suspend/restrict: the state does not leave on its own. */
  readonly held: boolean;
  /** HS now, with the event applied. */
  readonly score: number;
  /** D now, with the event applied. */
  readonly distinctReporters: number;
  readonly burst: boolean;
  /** The event is a counted report of category `threat` the platform attested. */
  readonly attestedThreat: boolean;
  readonly decision?: AnalystDecision;
}

export interface StateDecision {
  readonly state: NumberState;
  readonly held: boolean;
  /** Null when the state stays. */
  readonly reason: TransitionReason | null;
  /** A burst kept the number below a state its score and reporters would reach: look again when it ends. */
  readonly cappedByBurst: boolean;
}

const rank = (state: NumberState) => NUMBER_STATES.indexOf(state);

/** The most severe state whose entry condition holds (SPEC §6 table), with or without the burst cap. */
function entryState(input: StateInput, policy: ScorePolicy, burst: boolean): NumberState {
  const t = policy.thresholds;
  const { score, distinctReporters: d } = input;
  if (!burst && score >= t.suspended.enter && d >= t.suspended.reporters) return 'suspended';
  if (!burst && score >= t.restricted.enter && d >= t.restricted.reporters) return 'restricted';
  if ((score >= t.review.enter && d >= t.review.reporters) || input.attestedThreat) return 'review';
  if (score >= t.watch.enter) return 'watch';
  return 'ok';
}

/**
 * Where a number's state goes after an event — the one place it is decided.
 *
 * - An analyst decision wins: suspend/restrict hold the state (it leaves only by another decision),
 *   reinstate returns to `ok`.
 * - Otherwise the number escalates, straight to the most severe state whose entry condition holds; a burst caps
 *   automatic escalation at `review`.
 * - With hysteresis it leaves on its own only where SPEC allows: `watch` when HS < 20 (to `ok`), an automatic
 *   `restricted` when HS < 40 (to `review`: its case is still open for an analyst). `review` and `suspended`
 *   leave only by an analyst.
 */
export function nextState(input: StateInput, policy: ScorePolicy): StateDecision {
  if (input.decision) {
    const state: NumberState = input.decision === 'suspend' ? 'suspended' : input.decision === 'restrict' ? 'restricted' : 'ok';
    return { state, held: input.decision !== 'reinstate', reason: 'analyst_decision', cappedByBurst: false };
  }
  const capped = entryState(input, policy, input.burst);
  const uncapped = entryState(input, policy, false);
  const cappedByBurst = rank(uncapped) > rank(capped) && rank(uncapped) > rank(input.state);
  const stay: StateDecision = { state: input.state, held: input.held, reason: null, cappedByBurst };

  if (rank(capped) > rank(input.state)) {
    const t = policy.thresholds.review;
    const byThreat = capped === 'review' && input.attestedThreat && !(input.score >= t.enter && input.distinctReporters >= t.reporters);
    return { state: capped, held: false, reason: byThreat ? 'attested_threat' : 'score_threshold', cappedByBurst };
  }
  if (input.state === 'watch' && input.score < policy.thresholds.watch.leaveBelow) {
    return { state: 'ok', held: false, reason: 'score_fell', cappedByBurst };
  }
  if (input.state === 'restricted' && !input.held && input.score < policy.thresholds.restricted.leaveBelow) {
    return { state: 'review', held: false, reason: 'score_fell', cappedByBurst };
  }
  return stay;
}

/**
 * The state a number leaves for on its own as its score decays, and the score it must fall below: what the
 * scheduler waits for and what readers apply before it runs. Null for states that never leave on decay.
 */
export function decayExit(state: NumberState, held: boolean, policy: ScorePolicy): { readonly below: number; readonly to: NumberState } | null {
  if (state === 'watch') return { below: policy.thresholds.watch.leaveBelow, to: 'ok' };
  if (state === 'restricted' && !held) return { below: policy.thresholds.restricted.leaveBelow, to: 'review' };
  return null;
}
