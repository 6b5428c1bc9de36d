import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryRows } from '@phonetrust/platform';
import { PhoneNumber } from '@phonetrust/phone';
import { decay } from '../model/decay';
import { decayScore } from '../model/number-score';
import { ReportCategory, ScorePolicy } from '../model/policy';
import { secondsUntilScoreBelow } from '../model/score';
import { NumberState } from '../number-state/number-state';
import { SCORE_POLICY } from '../scoring.config';
import { effectiveState, summarize } from '../state-machine/evaluate-number';
import { toIso } from './clock';
import { NumberRepository } from './number.repository';
import { NumberView, roundEvidence, toNumberView, unknownNumberView } from './number-view';

export interface ScoreExplanation {
  phoneNumber: string;
  state: NumberState;
  score: number;
  evidence: number;
  distinctReporters: number;
  burst: boolean;
  asOf: string;
  halfLifeSeconds: number;
  /** E = normal + min(lowAssurance, lowAssuranceCap). */
  evidenceParts: { normal: number; lowAssurance: number; lowAssuranceCap: number };
  /** The live contributions by the category of the report each stands on (before the low-assurance cap). */
  byCategory: { category: ReportCategory; reporters: number; evidence: number }[];
  /** The largest live contributions: the report, its weight when filed, and what is left of it now. */
  topReports: { reportId: string; category: ReportCategory; weight: number; contribution: number; lowAssurance: boolean; reportedAt: string }[];
  thresholds: { state: NumberState; enterAtScore: number; minDistinctReporters: number | null; leavesBelowScore: number | null }[];
  /** With no new reports: when the score falls below each threshold (null: it is below already). */
  fallsBelow: { score: number; at: string | null }[];
  /** A decay exit the state will take on its own, if any. */
  nextStateChange: { to: NumberState; at: string } | null;
}

const TOP_REPORTS = 10;

/** The analyst's read side of numbers: evaluated at the database clock, so decay is always current. */
@Injectable()
export class NumberQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly numbers: NumberRepository,
    @Inject(SCORE_POLICY) private readonly policy: ScorePolicy,
  ) {}

  async getNumber(phone: PhoneNumber): Promise<NumberView> {
    const row = await this.numbers.findNumber(this.dataSource.manager, phone.e164);
    if (!row) return unknownNumberView(phone);
    const score = decayScore(row.record.score, row.now, this.policy);
    return toNumberView(phone, {
      state: effectiveState(row.record, row.now),
      summary: summarize(score, row.now, this.policy),
      reportCount: row.record.reportCount,
      openCaseId: row.openCaseId,
      updatedAt: row.updatedAt,
    });
  }

  async explainScore(phone: PhoneNumber): Promise<ScoreExplanation> {
    const row = await this.numbers.findNumber(this.dataSource.manager, phone.e164);
    const now = row?.now ?? Date.now() / 1000;
    const p = this.policy;
    const score = row ? decayScore(row.record.score, now, p) : { normal: 0, low: 0, epoch: 0 };
    const summary = row ? summarize(decayScore(row.record.score, now, p), now, p) : { evidence: 0, score: 0, distinctReporters: 0, burst: false };
    const epoch = score.epoch;
    const t = p.thresholds;
    const decaysLater = row && row.record.decaysAt !== null && row.record.decaysAt > now && row.record.decaysTo !== null;
    return {
      phoneNumber: phone.e164,
      state: row ? effectiveState(row.record, now) : 'ok',
      score: summary.score,
      evidence: roundEvidence(summary.evidence),
      distinctReporters: summary.distinctReporters,
      burst: summary.burst,
      asOf: toIso(now),
      halfLifeSeconds: p.halfLifeSeconds,
      evidenceParts: { normal: roundEvidence(score.normal), lowAssurance: roundEvidence(score.low), lowAssuranceCap: p.lowAssuranceCap },
      byCategory: row ? await this.byCategory(phone.e164, epoch, now) : [],
      topReports: row ? await this.topReports(phone.e164, epoch, now) : [],
      thresholds: [
        { state: 'watch', enterAtScore: t.watch.enter, minDistinctReporters: null, leavesBelowScore: t.watch.leaveBelow },
        { state: 'review', enterAtScore: t.review.enter, minDistinctReporters: t.review.reporters, leavesBelowScore: null },
        { state: 'restricted', enterAtScore: t.restricted.enter, minDistinctReporters: t.restricted.reporters, leavesBelowScore: t.restricted.leaveBelow },
        { state: 'suspended', enterAtScore: t.suspended.enter, minDistinctReporters: t.suspended.reporters, leavesBelowScore: null },
      ],
      fallsBelow: [t.suspended.enter, t.restricted.enter, t.review.enter, t.restricted.leaveBelow, t.watch.enter, t.watch.leaveBelow].map((s) => {
        const seconds = secondsUntilScoreBelow(score, s, p);
        return { score: s, at: seconds === null || seconds === 0 ? null : toIso(now + seconds) };
      }),
      nextStateChange: decaysLater ? { to: row.record.decaysTo!, at: toIso(row.record.decaysAt!) } : null,
    };
  }

  private async byCategory(phoneNumber: string, epoch: number, now: number): Promise<ScoreExplanation['byCategory']> {
    // 2^−x clamped at 2^−1000: PostgreSQL raises on float underflow.
    const rows = await queryRows<{ category: ReportCategory; reporters: number; evidence: number }>(
      this.dataSource.manager,
      `SELECT category, count(*)::int AS reporters,
              sum(value * power(2::float8, greatest(-1000::float8, -extract(epoch FROM (to_timestamp($3) - as_of))::float8 / $4::float8))) AS evidence
         FROM contributions
        WHERE phone_number = $1 AND epoch = $2 AND value > 0
        GROUP BY category
        ORDER BY evidence DESC, category`,
      [phoneNumber, epoch, now, this.policy.halfLifeSeconds],
    );
    return rows.map((row) => ({ category: row.category, reporters: row.reporters, evidence: roundEvidence(row.evidence) }));
  }

  private async topReports(phoneNumber: string, epoch: number, now: number): Promise<ScoreExplanation['topReports']> {
    // Ordered by the decayed value without computing it: log2(value) + asOf/halfLife ranks the same.
    const rows = await queryRows<{ source_report_id: string; category: ReportCategory; value: number; as_of: Date; low_assurance: boolean }>(
      this.dataSource.manager,
      `SELECT source_report_id, category, value, as_of, low_assurance
         FROM contributions
        WHERE phone_number = $1 AND epoch = $2 AND value > 0 AND source_report_id IS NOT NULL
        ORDER BY ln(value) / ln(2) + extract(epoch FROM as_of)::float8 / $3::float8 DESC
        LIMIT ${TOP_REPORTS}`,
      [phoneNumber, epoch, this.policy.halfLifeSeconds],
    );
    return rows.map((row) => ({
      reportId: row.source_report_id,
      category: row.category,
      weight: roundEvidence(row.value),
      contribution: roundEvidence(decay(row.value, now - row.as_of.getTime() / 1000, this.policy.halfLifeSeconds)),
      lowAssurance: row.low_assurance,
      reportedAt: row.as_of.toISOString(),
    }));
  }
}
