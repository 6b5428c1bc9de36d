import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Where each run writes its figures (one JSON line each), for docs/reliability.md. */
export const FIGURES_FILE = join(__dirname, '..', '..', '..', 'tmp', 'reliability-figures.jsonl');

export function recordFigure(area: string, what: string, result: string): void {
  mkdirSync(join(FIGURES_FILE, '..'), { recursive: true });
  appendFileSync(FIGURES_FILE, `${JSON.stringify({ area, what, result, at: new Date().toISOString() })}\n`);
}
