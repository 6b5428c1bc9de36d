import { ImportedReport } from '@phonetrust/reporting';
import {
  assuranceOf,
  freshNumberRecord,
  isLowAssurance,
  isLowTrust,
  NUMBER_STATES,
  NumberHistory,
  NumberState,
  ReportCategory,
  ReporterContext,
  reportWeight,
  ScorePolicy,
  trustOf,
} from '@phonetrust/scoring';

/** What the replay keeps of a report: enough to weigh it under any policy. */
interface ReplayReport {
  readonly at: number;
  readonly reporter: string;
  readonly category: ReportCategory;
  readonly attested: boolean;
  readonly context: ReporterContext | null;
}

/** A number's outcome under one policy. */
export interface Outcome {
  readonly state: NumberState;
  /** The most severe state it reached on the way. */
  readonly peak: NumberState;
  readonly score: number;
  readonly transitions: number;
}

export interface ReplayComparison {
  readonly reports: number;
  readonly numbers: number;
  readonly from: string | null;
  readonly until: string;
  readonly states: Record<NumberState, { current: number; replayed: number }>;
  /** Transitions per UTC day (decay exits included), oldest first. */
  readonly perDay: { day: string; current: number; replayed: number }[];
  /** Numbers whose final or peak state differs, most severe replayed outcome first. */
  readonly differing: { phoneNumber: string; current: Outcome; replayed: Outcome }[];
}

const rank = (state: NumberState) => NUMBER_STATES.indexOf(state);

/**
 * Collects a file's reports per number (compactly: a number's reports must be replayed in time order, and a
 * file need not be sorted), then replays every number under two policies through scoring's NumberHistory —
 * the model and state machine the service runs, with the scheduler's rechecks and the dedupe window. Reporters
 * have no verdict history here (trust = assurance). Nothing touches a database.
 */
export class ReplayCollector {
  private readonly byNumber = new Map<string, ReplayReport[]>();
  private count = 0;
  private first = Infinity;

  add(report: ImportedReport): void {
    const entry: ReplayReport = {
      at: report.at,
      reporter: report.reporterId,
      category: report.category,
      attested: report.evidence?.attested ?? false,
      context: report.reporterContext,
    };
    const list = this.byNumber.get(report.phoneNumber);
    if (list) list.push(entry);
    else this.byNumber.set(report.phoneNumber, [entry]);
    this.count++;
    this.first = Math.min(this.first, report.at);
  }

  compare(current: ScorePolicy, replayed: ScorePolicy, options: { untilSeconds: number; dedupeWindowSeconds: number }): ReplayComparison {
    const states = Object.fromEntries(NUMBER_STATES.map((s) => [s, { current: 0, replayed: 0 }])) as ReplayComparison['states'];
    const days = new Map<string, { current: number; replayed: number }>();
    const differing: ReplayComparison['differing'] = [];
    for (const [phoneNumber, list] of this.byNumber) {
      list.sort((a, b) => a.at - b.at);
      const run = (policy: ScorePolicy, side: 'current' | 'replayed'): Outcome => {
        const outcome = replayNumber(list, policy, options, (day) => {
          const counts = days.get(day) ?? { current: 0, replayed: 0 };
          counts[side]++;
          days.set(day, counts);
        });
        states[outcome.state][side]++;
        return outcome;
      };
      const a = run(current, 'current');
      const b = run(replayed, 'replayed');
      if (a.state !== b.state || a.peak !== b.peak) differing.push({ phoneNumber, current: a, replayed: b });
    }
    differing.sort((x, y) => rank(y.replayed.peak) - rank(x.replayed.peak) || rank(y.current.peak) - rank(x.current.peak) || (x.phoneNumber < y.phoneNumber ? -1 : 1));
    return {
      reports: this.count,
      numbers: this.byNumber.size,
      from: Number.isFinite(this.first) ? new Date(this.first * 1000).toISOString() : null,
      until: new Date(options.untilSeconds * 1000).toISOString(),
      states,
      perDay: [...days].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, counts]) => ({ day, ...counts })),
      differing,
    };
  }
}

function replayNumber(
  reports: readonly ReplayReport[],
  policy: ScorePolicy,
  options: { untilSeconds: number; dedupeWindowSeconds: number },
  onTransition: (day: string) => void,
): Outcome {
  const history = new NumberHistory(policy, { record: freshNumberRecord(policy, reports[0]?.at ?? options.untilSeconds) }, options.dedupeWindowSeconds);
  reports.forEach((r, i) => {
    if (r.at > options.untilSeconds) return;
    const assurance = assuranceOf(r.context, policy);
    const trust = trustOf(assurance, 0, 0, policy);
    history.report({
      at: r.at,
      reporter: r.reporter,
      report: {
        id: String(i),
        weight: reportWeight({ trust, category: r.category, attested: r.attested }, policy),
        category: r.category,
        lowAssurance: isLowAssurance(assurance, policy),
        lowTrust: isLowTrust(trust, policy),
      },
      attestedThreat: r.category === 'threat' && r.attested,
    });
  });
  const summary = history.summaryAt(options.untilSeconds);
  let peak: NumberState = 'ok';
  for (const t of history.transitions) {
    onTransition(new Date(t.at * 1000).toISOString().slice(0, 10));
    if (rank(t.to) > rank(peak)) peak = t.to;
  }
  return { state: history.record.state, peak, score: summary.score, transitions: history.transitions.length };
}
