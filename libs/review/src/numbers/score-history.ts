import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditEntryView, AuditLog, NormalizedPhone } from '@phonetrust/platform';
import { ReportQueries, ReportTimelineEntry } from '@phonetrust/reporting';
import {
  isLowAssurance,
  isLowTrust,
  NumberState,
  replayScore,
  SCORE_POLICY,
  ScoreHistoryEvent,
  ScorePolicy,
} from '@phonetrust/scoring';

/** Evenly spaced samples between the first event and now: the decay curves between reports. */
const SAMPLES = 120;
/** Past this many events only the samples are returned (a chart cannot show more anyway). */
const MAX_EVENT_POINTS = 500;
const MAX_AUDIT_ENTRIES = 10000;

export interface ScoreHistoryView {
  phoneNumber: string;
  asOf: string;
  halfLifeSeconds: number;
  /** The score over time, oldest first; `event` marks the point right after a report, a withdrawal or a reinstatement. */
  points: { at: string; score: number; evidence: number; distinctReporters: number; event: ScoreHistoryEvent['kind'] | null }[];
  /** The number's state changes, oldest first. */
  states: { at: string; from: NumberState; to: NumberState; cause: string | null }[];
}

/**
 * GET /v1/numbers/{n}/score/history (an analyst read, O(reports)): the score is kept as a running total and not as
 * a series, so its past is replayed — the number's reports with the weights they were counted with, rejections at
 * their verdict's time, reinstatements from the audit trail — through scoring's own functions.
 */
@Injectable()
export class ScoreHistory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: ReportQueries,
    private readonly audit: AuditLog,
    @Inject(SCORE_POLICY) private readonly policy: ScorePolicy,
  ) {}

  async of(phone: NormalizedPhone): Promise<ScoreHistoryView> {
    const [timeline, trail] = await Promise.all([
      this.reports.timelineOf(phone.e164),
      this.audit.trail(this.dataSource.manager, {
        phoneNumber: phone.e164,
        actions: ['number.state_changed', 'number.decision_recorded'],
        limit: MAX_AUDIT_ENTRIES,
      }),
    ]);
    const now = Date.now() / 1000;
    const reinstatements = trail.filter(isReinstatement).map((e): ScoreHistoryEvent => ({ kind: 'reinstate', at: seconds(e.at) }));
    const events = [...timeline.flatMap((entry) => this.reportEvents(entry)), ...reinstatements];
    // From the first event (or one half-life back for a number with none) to now.
    const start = events.length ? events.reduce((first, e) => Math.min(first, e.at), now) : now - this.policy.halfLifeSeconds;
    const samples = Array.from({ length: SAMPLES + 1 }, (_, i) => start + ((now - start) * i) / SAMPLES);
    const points = replayScore(events, samples, this.policy, { eventPoints: events.length <= MAX_EVENT_POINTS });
    return {
      phoneNumber: phone.e164,
      asOf: iso(now),
      halfLifeSeconds: this.policy.halfLifeSeconds,
      points: points.map((p) => ({ at: iso(p.at), score: p.score, evidence: Math.round(p.evidence * 10000) / 10000, distinctReporters: p.distinctReporters, event: p.event })),
      states: trail
        .filter((e) => e.action === 'number.state_changed')
        .map((e) => ({ at: e.at, from: field(e.before, 'state') as NumberState, to: field(e.after, 'state') as NumberState, cause: field(e.after, 'cause') })),
    };
  }

  private reportEvents(entry: ReportTimelineEntry): ScoreHistoryEvent[] {
    const counted: ScoreHistoryEvent = {
      kind: 'report',
      at: entry.createdAt.getTime() / 1000,
      reporter: entry.reporterRef,
      report: {
        id: entry.id,
        weight: entry.weight,
        category: entry.category,
        lowAssurance: isLowAssurance(entry.assurance, this.policy),
        lowTrust: isLowTrust(entry.trust, this.policy),
      },
    };
    if (!entry.rejectedAt) return [counted];
    return [counted, { kind: 'withdraw', at: entry.rejectedAt.getTime() / 1000, reporter: entry.reporterRef, reportId: entry.id }];
  }
}

/** A reinstatement spends the evidence whether or not the state changed (a reinstated `ok` number too). */
function isReinstatement(entry: AuditEntryView): boolean {
  const after = field(entry.after, 'state');
  if (entry.action === 'number.decision_recorded') return after === 'ok';
  return after === 'ok' && field(entry.after, 'cause') === 'analyst_decision';
}

function field(value: unknown, key: string): string | null {
  const v = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' ? v : null;
}

const seconds = (isoString: string) => Date.parse(isoString) / 1000;
const iso = (s: number) => new Date(Math.round(s * 1000)).toISOString();
