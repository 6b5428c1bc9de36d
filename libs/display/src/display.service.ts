import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChangeBus, CoherentCache, NormalizedPhone } from '@phonetrust/platform';
import { NUMBER_CHANGED_TOPIC, NumberStateReader, stateAt, StateFacts } from '@phonetrust/scoring';
import { OwnershipReader } from '@phonetrust/verification';
import { decideDisplay, DisplayDecision } from './display-decision';
import { displayConfig, DisplayConfig } from './display.config';

/**
 * What the cache keeps per number: the facts, not the decision, so a badge still expires on time and a
 * restriction still ends on time (its decay exit) while the facts sit in the cache.
 */
interface DisplayFacts {
  merchantId: string | null;
  expiresAtMs: number;
  state: StateFacts;
}

const NEVER_REPORTED: StateFacts = { state: 'ok', decaysAtMs: null, decaysTo: null };

export interface DisplayView extends DisplayDecision {
  phoneNumber: string;
}

/**
 * The display check, the hot path of shop pages. Facts (current owner, badge expiry, number state) are cached
 * in-process per number; every binding or state change evicts the number in every process at commit
 * (LISTEN/NOTIFY), with a short TTL as a safety net. Misses of a batch load in two queries.
 */
@Injectable()
export class DisplayService {
  private readonly cache: CoherentCache<DisplayFacts>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly ownership: OwnershipReader,
    private readonly states: NumberStateReader,
    bus: ChangeBus,
    @Inject(displayConfig.KEY) config: DisplayConfig,
  ) {
    this.cache = new CoherentCache<DisplayFacts>(bus, {
      topic: NUMBER_CHANGED_TOPIC,
      maxEntries: config.cacheMaxEntries,
      ttlMs: config.cacheTtlMs,
      reload: (numbers) => this.load(numbers),
    });
  }

  /** A cached answer for an E.164 number, without parsing or I/O; undefined on a miss. */
  peek(e164: string): DisplayView | undefined {
    const facts = this.cache.peek(e164);
    return facts && this.view(e164, facts);
  }

  async check(phone: NormalizedPhone): Promise<DisplayView> {
    const facts = await this.cache.get(phone.e164, async () => (await this.load([phone.e164])).get(phone.e164)!);
    return this.view(phone.e164, facts);
  }

  /** Answers in the order asked; numbers may repeat. */
  async checkMany(numbers: readonly string[]): Promise<DisplayView[]> {
    const facts = new Map<string, DisplayFacts>();
    const missing: string[] = [];
    for (const n of new Set(numbers)) {
      const hit = this.cache.peek(n);
      if (hit) facts.set(n, hit);
      else missing.push(n);
    }
    if (missing.length > 0) {
      // One load for all misses; each number still goes through the cache, under its eviction rules.
      let batch: Promise<Map<string, DisplayFacts>> | undefined;
      const loadOnce = () => (batch ??= this.load(missing));
      const loaded = await Promise.all(missing.map((n) => this.cache.get(n, async () => (await loadOnce()).get(n)!)));
      missing.forEach((n, i) => facts.set(n, loaded[i]));
    }
    return numbers.map((n) => this.view(n, facts.get(n)!));
  }

  private async load(numbers: string[]): Promise<Map<string, DisplayFacts>> {
    const manager = this.dataSource.manager;
    const [bindings, states] = await Promise.all([this.ownership.currentBindings(manager, numbers), this.states.factsOf(manager, numbers)]);
    return new Map(
      numbers.map((n) => {
        const binding = bindings.get(n);
        return [n, { merchantId: binding?.merchantId ?? null, expiresAtMs: binding ? binding.expiresAt.getTime() : 0, state: states.get(n) ?? NEVER_REPORTED }];
      }),
    );
  }

  private view(phoneNumber: string, facts: DisplayFacts): DisplayView {
    const binding = facts.merchantId === null ? null : { merchantId: facts.merchantId, expiresAtMs: facts.expiresAtMs };
    const now = Date.now();
    return { phoneNumber, ...decideDisplay(binding, stateAt(facts.state, now), now) };
  }
}
