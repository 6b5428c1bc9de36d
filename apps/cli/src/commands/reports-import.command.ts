import { statSync } from 'node:fs';
import { Command, CommandRunner, Option } from 'nest-commander';
import { ImportedReport, ImportReports } from '@phonetrust/reporting';
import { CliError } from '../cli-error';
import { formatSummary, ImportTally } from '../import/import-tally';
import { Progress } from '../import/progress';
import { LAYOUTS, Layout, mapRow } from '../report-files/map-row';
import { FileFormat, formatOf, readRecords } from '../report-files/read-records';
import { Services } from '../services';
import { checkCountry, checkFile } from './file-flags';

export interface ImportFlags {
  format?: string;
  layout?: string;
  country?: string;
  batchSize?: number;
  json?: boolean;
}

const DEFAULT_BATCH = 1000;

/**
 * `reports:import FILE`: streams the file, refuses bad rows by line, inserts good ones a batch per transaction
 * (a re-run inserts nothing twice), then scores them in time order per number (see ImportReports). Memory is
 * bounded by one batch, whatever the file's size.
 */
@Command({ name: 'reports:import', arguments: '<file>', description: 'Import reports from CSV or JSON Lines (also the FTC Do-Not-Call layout)' })
export class ReportsImportCommand extends CommandRunner {
  constructor(private readonly services: Services) {
    super();
  }

  async run([file]: string[], flags: ImportFlags): Promise<void> {
    checkFile(file);
    const format = formatOrFail(file, flags.format);
    const layout = layoutOrFail(flags.layout);
    const country = checkCountry(flags.country);
    const batchSize = flags.batchSize ?? DEFAULT_BATCH;
    const nowSeconds = Date.now() / 1000;

    const summary = await this.services.use(async (context) => {
      // Timed from here: the import, not opening the database and migrating it.
      const started = process.hrtime.bigint();
      const importer = context.get(ImportReports);
      const tally = new ImportTally();
      const progress = new Progress();
      const total = statSync(file).size;
      let bytes = 0;
      progress.start('reading', total, 'bytes');

      let batch: ImportedReport[] = [];
      let keys = new Set<string>();
      const flush = async () => {
        const outcome = await importer.insert(batch);
        tally.inserted += outcome.inserted;
        tally.duplicates += outcome.duplicates;
        batch = [];
        keys = new Set();
      };
      for await (const record of readRecords(file, format, (n) => (bytes += n))) {
        tally.read++;
        if ('error' in record) tally.refuse(record.line, record.error);
        else {
          const row = mapRow(record.fields, layout, { country, nowSeconds });
          if (!row.ok) tally.refuse(record.line, row.reason);
          else if (keys.has(row.report.importKey)) tally.duplicates++;
          else {
            keys.add(row.report.importKey);
            batch.push(row.report);
            if (batch.length >= batchSize) await flush();
          }
        }
        if (tally.read % 1000 === 0) progress.update(bytes, tally.read);
      }
      await flush();
      progress.update(total, tally.read);

      progress.start('scoring', await importer.pendingNumbers(), 'numbers');
      const scored = await importer.scorePending('system', (done) => progress.update(done, tally.read));
      progress.stop();
      return tally.summary({
        file,
        format,
        repeats: scored.repeats,
        numbersScored: scored.numbers,
        stateChanges: scored.transitions,
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
      });
    });
    process.stdout.write(flags.json ? `${JSON.stringify(summary)}\n` : formatSummary(summary));
  }

  @Option({ flags: '--format <format>', description: 'csv or jsonl (default: from the extension)' })
  parseFormat(value: string): string {
    return value;
  }

  @Option({ flags: '--layout <layout>', description: `${LAYOUTS.join(', ')} (auto: FTC when the row has Company_Phone_Number)` })
  parseLayout(value: string): string {
    return value;
  }

  @Option({ flags: '--country <code>', description: 'ISO 3166 alpha-2 for national numbers (FTC rows: US by default)' })
  parseCountry(value: string): string {
    return value;
  }

  @Option({ flags: '--batch-size <n>', description: `rows per transaction (default ${DEFAULT_BATCH})` })
  parseBatchSize(value: string): number {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 10000) throw new CliError('--batch-size must be an integer from 1 to 10000');
    return n;
  }

  @Option({ flags: '--json', description: 'print the summary as JSON' })
  parseJson(): boolean {
    return true;
  }
}

export function formatOrFail(file: string, explicit?: string): FileFormat {
  try {
    return formatOf(file, explicit);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

export function layoutOrFail(layout?: string): Layout {
  if (layout === undefined) return 'auto';
  if (!(LAYOUTS as readonly string[]).includes(layout)) throw new CliError(`--layout must be one of ${LAYOUTS.join(', ')}`);
  return layout as Layout;
}
