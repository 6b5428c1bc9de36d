import { describeBound } from './loop-and-gc';

/**
 * The targets (2 cores, 32 connections, the service against the raw baseline in the same run), checked
 * against one bench run's medians, so a run says which it met instead of a reader assembling it by hand.
 */
export interface PathFigures {
  /** The bench path's name: display, batch, report, check, start. */
  name: string;
  label: string;
  /** '' or ' — after 1M reports'. */
  phase: string;
  /** Saturated throughput, service / raw (medians); null without a baseline (the embedded database). */
  ratio: number | null;
  /** Median p99 at the paced load, ms; null with `--no-paced`. */
  pacedP99: number | null;
  rawPacedP99: number | null;
  /**
   * The bucket bound (ms) within which 99% of the paced rounds' requests were held by the service itself (its HTTP
   * histogram); null when not scraped. Said beside the p99, never judged: the target is the client's.
   */
  ownPacedP99: number | null;
  /** The same for a database statement's round trip (its `DatabaseMetrics`), the background's included. */
  statementPacedP99: number | null;
  /** Errors and non-2xx answers over every run of the service, saturated and paced. */
  failures: number;
}

export interface Verdict {
  target: string;
  measured: string;
  met: boolean;
}

interface Target {
  /** The least service / raw throughput. */
  ratio?: number;
  /** The most p99 at a paced load, ms. */
  p99?: number;
}

const TARGETS: Readonly<Record<string, Target>> = {
  display: { ratio: 1.5, p99: 5 },
  batch: { ratio: 1.5, p99: 5 },
  report: { ratio: 0.5, p99: 25 },
  check: { ratio: 0.6 },
};

/**
 * Against PostgreSQL: each path's ratio and paced p99 against its line. On the embedded database, which has no
 * baseline, the target is that every path answers without an error under 32 connections.
 */
export function targetVerdicts(rows: readonly PathFigures[], embedded: boolean): Verdict[] {
  if (embedded) {
    return rows.map((row) => ({ target: `${row.label}${row.phase}: no errors`, measured: `${row.failures} errors + non-2xx`, met: row.failures === 0 }));
  }
  return rows.flatMap((row) => {
    const target = TARGETS[row.name];
    if (!target) return [];
    const verdicts: Verdict[] = [];
    if (target.ratio !== undefined && row.ratio !== null) {
      // Three decimals: at two, 0.497 would read as the line it misses.
      verdicts.push({ target: `${row.label}${row.phase}: ≥ ${target.ratio}× raw`, measured: `${row.ratio.toFixed(3)}×`, met: row.ratio >= target.ratio });
    }
    if (target.p99 !== undefined && row.pacedP99 !== null) {
      const notes = [
        ...(row.rawPacedP99 !== null ? [`raw ${row.rawPacedP99.toFixed(1)} ms`] : []),
        ...(row.ownPacedP99 !== null ? [`the service's own time ${describeBound(row.ownPacedP99)}`] : []),
        ...(row.statementPacedP99 !== null ? [`a database statement ${describeBound(row.statementPacedP99)}`] : []),
      ];
      const raw = notes.length ? ` (${notes.join('; ')})` : '';
      verdicts.push({ target: `${row.label}${row.phase}: paced p99 ≤ ${target.p99} ms`, measured: `${row.pacedP99.toFixed(1)} ms${raw}`, met: row.pacedP99 <= target.p99 });
    }
    return verdicts;
  });
}

export function verdictTable(verdicts: readonly Verdict[]): string {
  return [
    '| target | measured | |',
    '|---|---:|---|',
    ...verdicts.map((v) => `| ${v.target} | ${v.measured} | ${v.met ? 'met' : '**missed**'} |`),
  ].join('\n');
}
