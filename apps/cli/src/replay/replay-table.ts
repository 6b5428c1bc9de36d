import { NUMBER_STATES } from '@phonetrust/scoring';
import { Outcome, ReplayComparison } from './replay-reports';

function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const numeric = header.map((_, i) => rows.every((r) => typeof r[i] === 'number'));
  const line = (r: string[]) => r.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

const outcome = (o: Outcome) => `${o.state} (peak ${o.peak}, HS ${o.score})`;

/** The replay as text tables: numbers per final state, transitions per day, the numbers whose outcome differs. */
export function formatReplay(r: ReplayComparison, changes: string[], limit: number): string {
  const parts: string[] = [];
  parts.push(`Replayed ${r.reports} reports on ${r.numbers} numbers, ${r.from ?? '—'} → ${r.until}`);
  parts.push(changes.length ? `Parameters changed:\n${changes.map((c) => `  ${c}`).join('\n')}` : 'Parameters changed: none (replaying the current ones)');
  parts.push(table(['final state', 'current', 'replayed'], NUMBER_STATES.map((s) => [s, r.states[s].current, r.states[s].replayed])));
  parts.push(
    r.perDay.length
      ? table(['transitions per day', 'current', 'replayed'], r.perDay.map((d) => [d.day, d.current, d.replayed]))
      : 'No transitions under either set of parameters.',
  );
  if (r.differing.length === 0) parts.push('No number ends differently.');
  else {
    const shown = r.differing.slice(0, limit);
    parts.push(
      `Numbers whose outcome differs: ${r.differing.length}${shown.length < r.differing.length ? ` (first ${shown.length}; --limit for more)` : ''}\n` +
        table(['number', 'current', 'replayed'], shown.map((d) => [d.phoneNumber, outcome(d.current), outcome(d.replayed)])),
    );
  }
  return `${parts.join('\n\n')}\n`;
}
