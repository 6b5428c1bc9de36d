/** A reporter's two windows as the report's own lock left them, that report counted in (database clock). */
export interface QuotaCount {
  readonly minuteReports: number;
  readonly dayReports: number;
  /** Seconds until the minute window ends. */
  readonly minuteEndsIn: number;
  /** Seconds until the day window ends. */
  readonly dayEndsIn: number;
}

/** How many reports a reporter may file in a minute and in a day (SPEC §5). */
export interface ReporterQuotas {
  readonly perMinute: number;
  readonly perDay: number;
}

const MINUTE_SECONDS = 60;
const DAY_SECONDS = 86400;

/**
 * Seconds until the reporter may report again when the report just counted goes past a quota, or null when it is
 * within both. Past both, the later window decides: a client that waits as long as it is told gets through.
 */
export function quotaRefusal(count: QuotaCount, quotas: ReporterQuotas): number | null {
  let wait: number | null = null;
  if (count.minuteReports > quotas.perMinute) wait = within(count.minuteEndsIn, MINUTE_SECONDS);
  if (count.dayReports > quotas.perDay) wait = Math.max(wait ?? 0, within(count.dayEndsIn, DAY_SECONDS));
  return wait;
}

function within(seconds: number, window: number): number {
  return Math.min(Math.max(seconds, 0), window);
}
