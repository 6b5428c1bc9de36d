import { Presets, SingleBar } from 'cli-progress';

/** A progress bar on stderr, only when stderr is a terminal (never in pipes, logs or tests). */
export class Progress {
  private bar: SingleBar | null = null;

  constructor(private readonly enabled = Boolean(process.stderr.isTTY)) {}

  start(label: string, total: number, unit: string): void {
    this.stop();
    if (!this.enabled) return;
    this.bar = new SingleBar(
      { stream: process.stderr, format: `${label} |{bar}| {percentage}% | {value}/{total} ${unit} | {rows} rows`, hideCursor: true, etaBuffer: 50 },
      Presets.shades_classic,
    );
    this.bar.start(total, 0, { rows: 0 });
  }

  update(value: number, rows: number): void {
    this.bar?.update(value, { rows });
  }

  stop(): void {
    this.bar?.stop();
    this.bar = null;
  }
}
