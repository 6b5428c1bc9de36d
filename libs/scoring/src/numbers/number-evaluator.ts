import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, AuditLog, Statement, writeTogether } from '@phonetrust/platform';
import { liveCounterStale, rebuildLive } from '../model/number-score';
import { ScorePolicy } from '../model/policy';
import { SCORE_POLICY } from '../scoring.config';
import { Evaluation, evaluateNumber, NumberEvent } from '../state-machine/evaluate-number';
import { TransitionRecorder } from '../transitions/transition-recorder';
import { ContributionRepository } from './contribution.repository';
import { LockedNumber, NumberRepository } from './number.repository';

export interface EvaluationContext {
  /** Who caused the event's transitions (decay exits are always the system's). */
  readonly actor: Actor;
  /** The analyst's reason, for decisions. */
  readonly reason?: string;
  /**
   * The caller's transaction ends with this evaluation: when the number's write is its last statement (no
   * transition or decision to record after it), the COMMIT goes with it (`QueryOptions.last`).
   */
  readonly last?: boolean;
}

/** The evaluation, and the rows the first statement of `alongside` returned (none when there was none). */
export type AppliedEvaluation = Evaluation & { readonly returned: readonly Record<string, unknown>[] };

/**
 * Applies an event to a locked number: the pure evaluation, the row write, and each transition's effects —
 * the steps every scoring workflow (report, verdict, decision, scheduler) shares.
 */
@Injectable()
export class NumberEvaluator {
  constructor(
    @Inject(SCORE_POLICY) private readonly policy: ScorePolicy,
    private readonly numbers: NumberRepository,
    private readonly contributions: ContributionRepository,
    private readonly transitions: TransitionRecorder,
    private readonly audit: AuditLog,
  ) {}

  /**
   * `alongside` gives writes that depend on the evaluation (a report row, the reporter's contribution): they go to
   * the database in the same round trip as the number's row, the first of them as the main statement.
   */
  async apply(
    manager: EntityManager,
    locked: LockedNumber,
    event: NumberEvent,
    context: EvaluationContext,
    alongside: (evaluation: Evaluation) => Statement[] = () => [],
  ): Promise<AppliedEvaluation> {
    let record = locked.record;
    if (liveCounterStale(record.score, this.policy)) {
      // The half-life changed since this row was written: D's slices are rebuilt once, from the contributions.
      const current = await this.contributions.currentOf(manager, locked.phoneNumber, record.score.epoch);
      record = { ...record, score: { ...record.score, live: rebuildLive(current, locked.now, this.policy) } };
    }
    const evaluation = evaluateNumber(record, event, locked.now, this.policy);
    const nothingAfter = evaluation.transitions.length === 0 && !evaluation.decided;
    const returned = await writeTogether<Record<string, unknown>>(
      manager,
      [...alongside(evaluation), this.numbers.saveStatement(locked.phoneNumber, evaluation.record, locked.now)],
      { last: context.last === true && nothingAfter },
    );
    for (const transition of evaluation.transitions) {
      if (transition.decayed) await this.transitions.record(manager, locked.phoneNumber, transition, 'system');
      else await this.transitions.record(manager, locked.phoneNumber, transition, context.actor, context.reason);
    }
    if (evaluation.decided && !evaluation.transitions.some((t) => !t.decayed)) {
      // A decision that leaves the state as it was (e.g. restricting a restricted number, which now holds) is
      // still a decision: audited, though no event is sent.
      await this.audit.append(manager, {
        actor: context.actor,
        action: 'number.decision_recorded',
        phoneNumber: locked.phoneNumber,
        subjectType: 'number',
        subjectId: locked.phoneNumber,
        before: settled(record, evaluation),
        after: { state: evaluation.record.state, held: evaluation.record.held },
        reason: context.reason ?? null,
      });
    }
    return { ...evaluation, returned };
  }
}

/** The state before the decision: after a decay exit that came due, if one did. */
function settled(record: { state: string; held: boolean }, evaluation: Evaluation): { state: string; held: boolean } {
  const decayed = evaluation.transitions.filter((t) => t.decayed).at(-1);
  return decayed ? { state: decayed.to, held: false } : { state: record.state, held: record.held };
}
