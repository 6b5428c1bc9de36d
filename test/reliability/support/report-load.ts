import { randomUUID } from 'node:crypto';
import { newPhoneNumber, newReporterId } from '../../support/report-factory';

export interface Acknowledged {
  key: string;
  id: string;
  phoneNumber: string;
}

/**
 * A steady report load: `workers` clients each file reports with their own Idempotency-Key, and retry a report
 * that got no answer, a 5xx or a connection error with the same key until it is acknowledged — what a careful
 * integrator does during an outage. Acknowledged reports must each be in the database exactly once.
 */
export class ReportLoad {
  readonly acknowledged: Acknowledged[] = [];
  readonly failures: Record<string, number> = {};
  retries = 0;
  private running = true;
  private readonly loops: Promise<void>[] = [];

  constructor(
    private readonly urls: string[],
    private readonly key: string,
    workers: number,
    private readonly numbers = Array.from({ length: 20 }, () => newPhoneNumber()),
  ) {
    for (let i = 0; i < workers; i++) this.loops.push(this.loop(i));
  }

  /** Stops filing new reports and waits until every report in hand is acknowledged (or the deadline passes). */
  async stop(deadlineMs = 60000): Promise<void> {
    this.running = false;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(this.loops), new Promise((r) => (timer = setTimeout(r, deadlineMs)))]);
    clearTimeout(timer);
  }

  private async loop(worker: number): Promise<void> {
    let n = 0;
    while (this.running) {
      const key = randomUUID();
      const phoneNumber = this.numbers[(worker + n++) % this.numbers.length];
      const body = JSON.stringify({ phoneNumber, reporterId: newReporterId(`load${worker}`), category: 'spam' });
      for (let attempt = 0; ; attempt++) {
        const url = this.urls[(worker + attempt) % this.urls.length];
        const outcome = await this.file(url, key, body);
        if (outcome.id) {
          this.acknowledged.push({ key, id: outcome.id, phoneNumber });
          break;
        }
        this.failures[outcome.failure!] = (this.failures[outcome.failure!] ?? 0) + 1;
        if (outcome.failure!.startsWith('4')) break; // a refusal is an answer: not retried
        this.retries++;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  private async file(url: string, key: string, body: string): Promise<{ id?: string; failure?: string }> {
    try {
      const res = await fetch(`${url}/v1/reports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.key}`, 'content-type': 'application/json', 'idempotency-key': key },
        body,
        signal: AbortSignal.timeout(15000),
      });
      const text = await res.text();
      if (res.status === 201 || res.status === 200) return { id: JSON.parse(text).id };
      return { failure: String(res.status) };
    } catch (error) {
      return { failure: (error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).name };
    }
  }
}
