import { Client } from 'pg';

/** Running totals of the bench database, read between two of the service's runs. */
export interface RunFacts {
  /** The numbers' state changes so far (their audit entries). */
  moved: number;
  cases: number;
  /** Blocks PostgreSQL read from outside its shared buffers, and found in them (`pg_stat_database`). */
  blocksRead: number;
  blocksHit: number;
}

/**
 * What a run of report intake did besides its reports, read before and after it: how many state changes its
 * reports made (each writes its transition — an audit entry, its events, a case from *review* up — in more round
 * trips), and how many blocks PostgreSQL had to read from outside its shared buffers. A row's cost depends on both.
 */
export class RunFactsReader {
  private client: Client | null = null;

  constructor(private readonly databaseUrl: string) {}

  /**
   * `settle`: after a run, wait first: an idle backend sends its statistics to `pg_stat_database` within a second
   * (PostgreSQL's PGSTAT_MIN_INTERVAL), so the last second of the run would otherwise count for the next one.
   */
  async read(settle = false): Promise<RunFacts> {
    if (settle) await new Promise((resolve) => setTimeout(resolve, 1100));
    if (!this.client) {
      this.client = new Client({ connectionString: this.databaseUrl });
      await this.client.connect();
    }
    const { rows } = await this.client.query<Record<keyof RunFacts, string>>(
      `SELECT (SELECT count(*) FROM audit_entries WHERE action = 'number.state_changed') AS moved, (SELECT count(*) FROM cases) AS cases,
              blks_read AS "blocksRead", blks_hit AS "blocksHit"
         FROM pg_stat_database WHERE datname = current_database()`,
    );
    const row = rows[0];
    return { moved: Number(row.moved), cases: Number(row.cases), blocksRead: Number(row.blocksRead), blocksHit: Number(row.blocksHit) };
  }

  async close(): Promise<void> {
    await this.client?.end();
    this.client = null;
  }
}

/** `state changes: 312 (6.1 per 100 of 5120 requests); cases opened: 40; blocks per request: 2.5 read, 61.0 hit`. */
export function describeRunFacts(before: RunFacts, after: RunFacts, requests: number): string {
  const moved = after.moved - before.moved;
  const perRequest = (n: number) => (n / requests).toFixed(1);
  const share = requests > 0 ? ` (${((100 * moved) / requests).toFixed(1)} per 100 of ${Math.round(requests)} requests)` : '';
  const blocks = requests > 0 ? `; blocks per request: ${perRequest(after.blocksRead - before.blocksRead)} read, ${perRequest(after.blocksHit - before.blocksHit)} hit` : '';
  return `state changes: ${moved}${share}; cases opened: ${after.cases - before.cases}${blocks}`;
}
