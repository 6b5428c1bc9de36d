import { Client } from 'pg';

/** Where a backend of the bench database was at one sample: what `pg_stat_activity` said of it, in a few words. */
export type BackendPlace =
  /** In an open transaction, waiting for its client's next statement: the process's turn. */
  | 'waiting for the process, in a transaction'
  | 'WAL flush'
  | 'on CPU'
  | 'locks'
  | 'data files'
  | 'reading from the client'
  | 'other';

export const BACKEND_PLACES: readonly BackendPlace[] = [
  'waiting for the process, in a transaction',
  'WAL flush',
  'on CPU',
  'locks',
  'data files',
  'reading from the client',
  'other',
];

/** One row of `pg_stat_activity`, for a backend that was not idle. */
export interface BackendActivity {
  state: string | null;
  waitEventType: string | null;
  waitEvent: string | null;
}

/** A backend's place from its row: an active backend with no wait event is running (or runnable). */
export function placeOf({ state, waitEventType, waitEvent }: BackendActivity): BackendPlace {
  if (state === 'idle in transaction' || state === 'idle in transaction (aborted)') return 'waiting for the process, in a transaction';
  if (waitEventType === null) return 'on CPU';
  if (waitEvent === 'WALWrite' || waitEvent === 'WALSync' || waitEvent === 'WALInsert') return 'WAL flush';
  if (waitEventType === 'Lock') return 'locks';
  if (waitEventType === 'IO' && waitEvent?.startsWith('DataFile')) return 'data files';
  if (waitEventType === 'Client' && waitEvent === 'ClientRead') return 'reading from the client';
  return 'other';
}

/** `samples` looks at the backends, and `counts` how many were at each place over all of them. */
export interface BackendWaits {
  samples: number;
  counts: Map<BackendPlace, number>;
}

/**
 * `backends not idle, on average: 5.9 — waiting for the process, in a transaction 3.7, WAL flush 1.9, on CPU 0.3`:
 * the average number of the database's backends at each place over a run (places under 0.05 left out).
 */
export function describeBackendWaits({ samples, counts }: BackendWaits): string {
  if (samples === 0) return 'backends: no samples';
  const average = (n: number) => n / samples;
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  const places = BACKEND_PLACES.filter((place) => average(counts.get(place) ?? 0) >= 0.05).map(
    (place) => `${place} ${average(counts.get(place)!).toFixed(2)}`,
  );
  return `backends not idle, on average: ${average(total).toFixed(2)}${places.length ? ` — ${places.join(', ')}` : ''}`;
}

/**
 * `--waits`: samples the bench database's client backends in `pg_stat_activity` every `intervalMs` over a run, and
 * says where they were on average. A backend idle in a transaction is waiting for the process to send its next
 * statement; one waiting on the WAL is waiting for its commit to be flushed. It connects to the server's own
 * database (`serverUrl`), so its backend is not one the runs' CPU figures count as the bench database's.
 */
export class BackendWaitSampler {
  private client: Client | null = null;
  private running: Promise<void> | null = null;
  private stopping = false;
  private waits: BackendWaits = { samples: 0, counts: new Map() };

  constructor(
    private readonly serverUrl: string,
    private readonly databaseName: string,
    private readonly intervalMs = 10,
  ) {}

  async start(): Promise<void> {
    if (!this.client) {
      this.client = new Client({ connectionString: this.serverUrl, application_name: 'bench-waits' });
      await this.client.connect();
    }
    this.waits = { samples: 0, counts: new Map() };
    this.stopping = false;
    this.running = this.loop();
  }

  async stop(): Promise<BackendWaits> {
    this.stopping = true;
    await this.running;
    return this.waits;
  }

  async close(): Promise<void> {
    await this.client?.end();
    this.client = null;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      const started = Date.now();
      const { rows } = await this.client!.query<BackendActivity>({
        name: 'bench_backend_waits',
        text: `SELECT state, wait_event_type AS "waitEventType", wait_event AS "waitEvent" FROM pg_stat_activity
                WHERE datname = $1 AND backend_type = 'client backend' AND state <> 'idle'`,
        values: [this.databaseName],
      });
      this.waits.samples++;
      for (const row of rows) {
        const place = placeOf(row);
        this.waits.counts.set(place, (this.waits.counts.get(place) ?? 0) + 1);
      }
      const wait = this.intervalMs - (Date.now() - started);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
