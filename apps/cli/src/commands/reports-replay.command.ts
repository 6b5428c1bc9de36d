import { readFileSync, writeFileSync } from 'node:fs';
import { Command, CommandRunner, Option } from 'nest-commander';
import { reportingConfig, ReportingConfig } from '@phonetrust/reporting';
import { scorePolicy, scoringConfig, ScoringConfig, ScorePolicy } from '@phonetrust/scoring';
import { CliError } from '../cli-error';
import { mapRow } from '../report-files/map-row';
import { readRecords } from '../report-files/read-records';
import { candidatePolicy, ParamsError, PolicyFlags } from '../replay/replay-params';
import { ReplayCollector } from '../replay/replay-reports';
import { formatReplay } from '../replay/replay-table';
import { policyDifferences } from '../replay/replay-params';
import { transitionsChart } from '../replay/transitions-chart';
import { Services } from '../services';
import { checkCountry, checkFile } from './file-flags';
import { formatOrFail, layoutOrFail } from './reports-import.command';

interface ReplayFlags extends PolicyFlags {
  params?: string;
  until?: string;
  chart?: string;
  format?: string;
  layout?: string;
  country?: string;
  limit?: number;
  json?: boolean;
}

const number = (name: string) => (value: string): number => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new CliError(`${name} must be a number ≥ 0, got "${value}"`);
  return n;
};

/**
 * `reports:replay FILE`: what would have happened to the file's numbers under other parameters, against the
 * current ones (the defaults with SCORE_HALF_LIFE_SECONDS, as the API runs). Pure: reads the file, never a database.
 */
@Command({ name: 'reports:replay', arguments: '<file>', description: 'Replay a report file through the score model with other parameters (no database)' })
export class ReportsReplayCommand extends CommandRunner {
  constructor(private readonly services: Services) {
    super();
  }

  async run([file]: string[], flags: ReplayFlags): Promise<void> {
    checkFile(file);
    const format = formatOrFail(file, flags.format);
    const layout = layoutOrFail(flags.layout);
    const country = checkCountry(flags.country);
    const current = scorePolicy({ halfLifeSeconds: this.services.config<ScoringConfig>(scoringConfig.KEY).halfLifeSeconds });
    const replayed = this.policyFrom(current, flags);
    const nowSeconds = Date.now() / 1000;
    const untilSeconds = flags.until === undefined ? nowSeconds : untilOrFail(flags.until);

    const collector = new ReplayCollector();
    let refused = 0;
    for await (const record of readRecords(file, format)) {
      const row = 'error' in record ? null : mapRow(record.fields, layout, { country, nowSeconds });
      if (row?.ok) collector.add(row.report);
      else refused++;
    }
    const result = collector.compare(current, replayed, {
      untilSeconds,
      dedupeWindowSeconds: this.services.config<ReportingConfig>(reportingConfig.KEY).dedupeWindowSeconds,
    });
    if (flags.chart) {
      const svg = transitionsChart(
        `Transitions per day — current vs replayed parameters (${result.numbers} numbers)`,
        result.perDay.map((d) => ({ day: d.day, values: [d.current, d.replayed] })),
        [
          { label: 'current', color: '#8a8f98' },
          { label: 'replayed', color: '#d9534f' },
        ],
      );
      try {
        writeFileSync(flags.chart, svg);
      } catch (error) {
        throw new CliError(`cannot write ${flags.chart}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
    }
    const changes = policyDifferences(current, replayed);
    if (flags.json) {
      process.stdout.write(`${JSON.stringify({ ...result, refused, changes, current, replayed: replayed })}\n`);
      return;
    }
    process.stdout.write(formatReplay(result, changes, flags.limit ?? 50));
    if (refused) process.stdout.write(`\n${refused} row(s) could not be read and were left out (reports:import lists them by line).\n`);
    if (flags.chart) process.stdout.write(`Chart written to ${flags.chart}\n`);
  }

  private policyFrom(current: ScorePolicy, flags: ReplayFlags): ScorePolicy {
    let file: unknown;
    if (flags.params !== undefined) {
      let text: string;
      try {
        text = readFileSync(flags.params, 'utf8');
      } catch {
        throw new CliError(`cannot read the parameters file ${flags.params}`);
      }
      try {
        file = JSON.parse(text);
      } catch {
        throw new CliError(`${flags.params} is not valid JSON`);
      }
    }
    try {
      return candidatePolicy(current, file, flags);
    } catch (error) {
      if (error instanceof ParamsError) throw new CliError(error.message);
      throw error;
    }
  }

  @Option({ flags: '--params <file>', description: 'JSON file with any part of the score policy (see README)' })
  parseParams(v: string): string {
    return v;
  }
  @Option({ flags: '--half-life <duration>', description: 'e.g. 7d, 12h or seconds' })
  parseHalfLife(v: string): string {
    return v;
  }
  @Option({ flags: '--watch <score>', description: 'HS to enter watch' })
  parseWatch(v: string): number {
    return number('--watch')(v);
  }
  @Option({ flags: '--watch-leave <score>', description: 'watch leaves below this HS' })
  parseWatchLeave(v: string): number {
    return number('--watch-leave')(v);
  }
  @Option({ flags: '--review <score>', description: 'HS to enter review' })
  parseReview(v: string): number {
    return number('--review')(v);
  }
  @Option({ flags: '--review-reporters <n>', description: 'distinct reporters to enter review' })
  parseReviewReporters(v: string): number {
    return number('--review-reporters')(v);
  }
  @Option({ flags: '--restricted <score>', description: 'HS to enter restricted' })
  parseRestricted(v: string): number {
    return number('--restricted')(v);
  }
  @Option({ flags: '--restricted-reporters <n>', description: 'distinct reporters to enter restricted' })
  parseRestrictedReporters(v: string): number {
    return number('--restricted-reporters')(v);
  }
  @Option({ flags: '--restricted-leave <score>', description: 'restricted leaves below this HS' })
  parseRestrictedLeave(v: string): number {
    return number('--restricted-leave')(v);
  }
  @Option({ flags: '--suspended <score>', description: 'HS to enter suspended' })
  parseSuspended(v: string): number {
    return number('--suspended')(v);
  }
  @Option({ flags: '--suspended-reporters <n>', description: 'distinct reporters to enter suspended' })
  parseSuspendedReporters(v: string): number {
    return number('--suspended-reporters')(v);
  }
  @Option({ flags: '--weight <category=severity>', description: 'a category severity, repeatable (e.g. spam=0.5)' })
  parseWeight(v: string, previous: string[] = []): string[] {
    return [...previous, v];
  }
  @Option({ flags: '--attested-factor <x>', description: 'weight multiplier of attested reports' })
  parseAttestedFactor(v: string): number {
    return number('--attested-factor')(v);
  }
  @Option({ flags: '--low-assurance-cap <x>', description: 'most E that fresh accounts add together' })
  parseLowAssuranceCap(v: string): number {
    return number('--low-assurance-cap')(v);
  }
  @Option({ flags: '--until <iso>', description: 'replay up to this moment (default: now)' })
  parseUntil(v: string): string {
    return v;
  }
  @Option({ flags: '--chart <file.svg>', description: 'write an SVG chart of transitions per day' })
  parseChart(v: string): string {
    return v;
  }
  @Option({ flags: '--format <format>', description: 'csv or jsonl (default: from the extension)' })
  parseFormat(v: string): string {
    return v;
  }
  @Option({ flags: '--layout <layout>', description: 'auto, report or ftc' })
  parseLayout(v: string): string {
    return v;
  }
  @Option({ flags: '--country <code>', description: 'ISO 3166 alpha-2 for national numbers' })
  parseCountry(v: string): string {
    return v;
  }
  @Option({ flags: '--limit <n>', description: 'differing numbers to list (default 50)' })
  parseLimit(v: string): number {
    return number('--limit')(v);
  }
  @Option({ flags: '--json', description: 'print the result as JSON' })
  parseJson(): boolean {
    return true;
  }
}

function untilOrFail(text: string): number {
  const ms = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(ms)) throw new CliError(`--until must be an ISO 8601 date or date-time, got "${text}"`);
  return ms / 1000;
}
