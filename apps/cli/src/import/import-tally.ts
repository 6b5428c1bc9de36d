/** What an import did, as printed at the end (and with --json). */
export interface ImportSummary {
  file: string;
  format: string;
  read: number;
  /** New reports counted in scores. */
  imported: number;
  /** Rows imported before (a re-run) or twice in the file: skipped by their import key. */
  duplicates: number;
  /** Repeats by one reporter on one number inside the dedupe window: not counted, as POST /v1/reports does. */
  repeats: number;
  refused: number;
  refusedByReason: Record<string, number>;
  /** The first refusals, with their line numbers. */
  refusals: { line: number; reason: string }[];
  numbersScored: number;
  stateChanges: number;
  seconds: number;
  rowsPerSecond: number;
}

/** Counts as rows go by; keeps the first `keep` refusals and a count per reason, never every row. */
export class ImportTally {
  read = 0;
  inserted = 0;
  duplicates = 0;
  private readonly byReason = new Map<string, number>();
  private readonly first: { line: number; reason: string }[] = [];
  refused = 0;

  constructor(private readonly keep = 20) {}

  refuse(line: number, reason: string): void {
    this.refused++;
    this.byReason.set(reason, (this.byReason.get(reason) ?? 0) + 1);
    if (this.first.length < this.keep) this.first.push({ line, reason });
  }

  summary(input: { file: string; format: string; repeats: number; numbersScored: number; stateChanges: number; seconds: number }): ImportSummary {
    const seconds = Math.round(input.seconds * 100) / 100;
    return {
      file: input.file,
      format: input.format,
      read: this.read,
      imported: Math.max(0, this.inserted - input.repeats),
      duplicates: this.duplicates,
      repeats: input.repeats,
      refused: this.refused,
      refusedByReason: Object.fromEntries([...this.byReason].sort((a, b) => b[1] - a[1])),
      refusals: [...this.first],
      numbersScored: input.numbersScored,
      stateChanges: input.stateChanges,
      seconds,
      rowsPerSecond: input.seconds > 0 ? Math.round(this.read / input.seconds) : this.read,
    };
  }
}

export function formatSummary(s: ImportSummary): string {
  const lines = [
    `Imported ${s.file} (${s.format}) in ${s.seconds} s — ${s.rowsPerSecond} rows/s`,
    `  read        ${s.read}`,
    `  imported    ${s.imported}`,
    `  duplicates  ${s.duplicates}  (imported before, or twice in the file)`,
  ];
  if (s.repeats) lines.push(`  repeats     ${s.repeats}  (same reporter and number inside the dedupe window: not counted)`);
  lines.push(`  refused     ${s.refused}`);
  for (const [reason, count] of Object.entries(s.refusedByReason)) lines.push(`    ${String(count).padStart(8)}  ${reason}`);
  if (s.refusals.length) {
    lines.push(`  first refusals:`);
    for (const r of s.refusals) lines.push(`    line ${r.line}: ${r.reason}`);
  }
  lines.push(`  numbers scored ${s.numbersScored}, state changes ${s.stateChanges}`);
  return `${lines.join('\n')}\n`;
}
