import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, writeTogether } from '@phonetrust/platform';
import { Contribution, CountedReport, decayScore, liveCounterStale, rebuildLive } from '../model/number-score';
import { ScorePolicy } from '../model/policy';
import { SCORE_POLICY } from '../scoring.config';
import { effectiveState, NumberRecord, summarize, Transition } from '../state-machine/evaluate-number';
import { freshNumberRecord, NumberHistory } from '../state-machine/number-history';
import { TransitionRecorder } from '../transitions/transition-recorder';
import { contributionKey, ContributionRepository } from './contribution.repository';
import { NumberRepository } from './number.repository';

/** A stored report of the past, to be counted at its own moment. */
export interface HistoricReportInput {
  readonly phoneNumber: string;
  readonly reporterHash: string;
  /** Seconds since the epoch: when it happened. */
  readonly at: number;
  readonly report: CountedReport;
  readonly attestedThreat: boolean;
}

export interface HistoricCount {
  /** Reports a repeat inside the dedupe window: not counted (callers drop them, as the API does). */
  readonly notCounted: string[];
  readonly numbers: number;
  /** State changes written (one per number at most). */
  readonly transitions: number;
  /** Transitions the history went through on the way, decay exits included (not written: see below). */
  readonly historicTransitions: number;
}

/**
 * Counts reports of the past (the CLI's bulk import) in the caller's transaction: a batch of numbers at a time,
 * rows locked in bulk (contributions, then numbers — the order the live workflows use), each number's reports
 * played through `NumberHistory` in time order, then the rows written back.
 *
 * A number never scored before starts at its first report, so its history is exact; a number with a score
 * already gets the reports older than that score folded in decayed (see NumberHistory). The state machine
 * decides every step, but only the net change is written: one transition per number (audit entry, event, case)
 * at the moment of the import, not a backlog of events about the past that webhooks would deliver as news.
 */
@Injectable()
export class HistoricLedger {
  constructor(
    @Inject(SCORE_POLICY) private readonly policy: ScorePolicy,
    private readonly numbers: NumberRepository,
    private readonly contributions: ContributionRepository,
    private readonly transitions: TransitionRecorder,
  ) {}

  async countHistoric(
    manager: EntityManager,
    reports: readonly HistoricReportInput[],
    options: { dedupeWindowSeconds: number; actor: Actor; reason: string },
  ): Promise<HistoricCount> {
    const byNumber = new Map<string, HistoricReportInput[]>();
    for (const r of reports) {
      const list = byNumber.get(r.phoneNumber);
      if (list) list.push(r);
      else byNumber.set(r.phoneNumber, [r]);
    }
    const locked = await this.contributions.lockManyForReports(manager, reports);
    const numbers = await this.numbers.lockNumbers(manager, [...byNumber.keys()]);

    const notCounted: string[] = [];
    const saves: Parameters<ContributionRepository['saveManyCounted']>[1][number][] = [];
    let written = 0;
    let historic = 0;
    for (const number of numbers) {
      const list = (byNumber.get(number.phoneNumber) ?? []).sort((a, b) => a.at - b.at || (a.report.id < b.report.id ? -1 : 1));
      const contributions = new Map<string, Contribution>();
      const lastCounted = new Map<string, number>();
      for (const r of list) {
        const row = locked.get(contributionKey(r.phoneNumber, r.reporterHash));
        if (row?.contribution) contributions.set(r.reporterHash, row.contribution);
        if (row?.lastCountedAt !== null && row?.lastCountedAt !== undefined) lastCounted.set(r.reporterHash, row.lastCountedAt);
      }
      const start = await this.startRecord(manager, number.phoneNumber, number.record, number.now, list[0]?.at ?? number.now);
      const history = new NumberHistory(this.policy, { record: start, contributions, lastCounted }, options.dedupeWindowSeconds);
      for (const r of list) {
        if (!history.report({ at: r.at, reporter: r.reporterHash, report: r.report, attestedThreat: r.attestedThreat }).counted) notCounted.push(r.report.id);
      }
      history.advanceTo(number.now);
      historic += history.transitions.length;

      const before = effectiveState(number.record, number.now);
      let record: NumberRecord = history.record;
      if (record.state !== before) {
        const now = Math.max(number.now, record.score.asOf);
        const summary = summarize(decayScore(record.score, now, this.policy), now, this.policy);
        const last = history.transitions.at(-1);
        const transition: Transition = {
          from: before,
          to: record.state,
          reason: last?.reason ?? 'score_threshold',
          at: now,
          decayed: false,
          byAnalyst: false,
          score: summary.score,
          distinctReporters: summary.distinctReporters,
        };
        record = { ...record, stateChangedAt: now };
        await this.transitions.record(manager, number.phoneNumber, transition, options.actor, options.reason);
        written++;
      }
      await writeTogether(manager, [this.numbers.saveStatement(number.phoneNumber, record, number.now)]);
      for (const [reporterHash, change] of history.changed) saves.push({ phoneNumber: number.phoneNumber, reporterHash, ...change });
    }
    await this.contributions.saveManyCounted(manager, saves);
    return { notCounted, numbers: numbers.length, transitions: written, historicTransitions: historic };
  }

  /** A number never scored starts empty at its first report; D's counter is rebuilt if the half-life changed. */
  private async startRecord(manager: EntityManager, phoneNumber: string, record: NumberRecord, now: number, firstAt: number): Promise<NumberRecord> {
    const untouched = record.reportCount === 0 && record.score.normal === 0 && record.score.low === 0 && record.state === 'ok' && !record.held;
    if (untouched && firstAt < record.score.asOf) {
      const fresh = freshNumberRecord(this.policy, firstAt);
      return { ...fresh, score: { ...fresh.score, epoch: record.score.epoch } };
    }
    if (!liveCounterStale(record.score, this.policy)) return record;
    const current = await this.contributions.currentOf(manager, phoneNumber, record.score.epoch);
    return { ...record, score: { ...record.score, live: rebuildLive(current, now, this.policy) } };
  }
}
