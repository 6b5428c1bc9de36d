import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { scoringConfig, ScoringConfig } from '../scoring.config';
import { NumberEvaluator } from './number-evaluator';
import { NumberRepository } from './number.repository';

/**
 * Writes what time alone does to numbers: a `watch` or `restricted` state whose score decayed past its exit
 * line, and an escalation a burst held back once the burst is over. Each row says when it is due
 * (`next_evaluation_at`, computed in closed form when the row was written), so a tick is one indexed query,
 * never a scan. Every process runs one; `FOR UPDATE SKIP LOCKED` gives each due row to exactly one of them.
 * Readers do not wait for it: NumberStateReader applies a due decay exit itself.
 */
@Injectable()
export class DecayScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('DecayScheduler');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly numbers: NumberRepository,
    private readonly evaluator: NumberEvaluator,
    @Inject(scoringConfig.KEY) private readonly config: ScoringConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.schedulerEnabled) return;
    this.schedule(this.config.schedulerIntervalMs);
  }

  /** Before the database closes (that is an application-shutdown hook): the batch in hand finishes first. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One batch: claims due numbers, evaluates each, commits. Returns how many it evaluated. */
  async runOnce(): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const due = await this.numbers.claimDue(tx, this.config.schedulerBatchSize);
      for (const number of due) await this.evaluator.apply(tx, number, { kind: 'recheck' }, { actor: 'system' });
      return due.length;
    });
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => (this.running = null));
    }, delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    let full = false;
    try {
      full = (await this.runOnce()) >= this.config.schedulerBatchSize;
    } catch (error) {
      this.logger.warn(`evaluating due numbers failed: ${(error as Error).message}`);
    }
    // A full batch means more are due: go again at once.
    this.schedule(full ? 0 : this.config.schedulerIntervalMs);
  }
}
