import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryRows } from '@phonetrust/platform';
import { NumberState } from './number-state';

/** A number's stored state and its pending decay exit, for a cache that must apply the exit on time itself. */
export interface StateFacts {
  /** The effective state when read. */
  readonly state: NumberState;
  /** When the state leaves on decay if nothing else happens (ms since the epoch), and for which state. */
  readonly decaysAtMs: number | null;
  readonly decaysTo: NumberState | null;
}

/** The state at `nowMs` given facts read earlier: a decay exit whose moment has passed has happened. */
export function stateAt(facts: StateFacts, nowMs: number): NumberState {
  return facts.decaysAtMs !== null && facts.decaysTo !== null && facts.decaysAtMs <= nowMs ? facts.decaysTo : facts.state;
}

/**
 * What other modules may know of a number's state (verification refuses suspended numbers, the display
 * check hides restricted ones). A number never reported is `ok`.
 *
 * The state is the *effective* one: when a decay exit has come due (`decays_at`, computed in closed form when
 * the row was written) it applies here at once, even before the scheduler has written the transition — a
 * restricted number whose score fell below 40 never reads as restricted. Still one indexed query, no scoring
 * math, no configuration.
 */
@Injectable()
export class NumberStateReader {
  async stateOf(manager: EntityManager, phoneNumber: string): Promise<NumberState> {
    const states = await this.statesOf(manager, [phoneNumber]);
    return states.get(phoneNumber) ?? 'ok';
  }

  /** States of many numbers in one query; numbers without a row are absent from the map (`ok`). */
  async statesOf(manager: EntityManager, phoneNumbers: readonly string[]): Promise<Map<string, NumberState>> {
    if (phoneNumbers.length === 0) return new Map();
    const rows = await queryRows<{ phone_number: string; state: NumberState }>(
      manager,
      `SELECT phone_number,
              CASE WHEN decays_at <= clock_timestamp() AND decays_to IS NOT NULL THEN decays_to ELSE state END AS state
         FROM numbers WHERE phone_number = ANY($1)`,
      [phoneNumbers],
    );
    return new Map(rows.map((row) => [row.phone_number, row.state]));
  }

  /**
   * `statesOf` with each number's pending decay exit, for caches (the display check): `stateAt` applies the exit
   * when its moment comes, whether or not a change notice has arrived by then. Numbers without a row are absent.
   */
  async factsOf(manager: EntityManager, phoneNumbers: readonly string[]): Promise<Map<string, StateFacts>> {
    if (phoneNumbers.length === 0) return new Map();
    const rows = await queryRows<{ phone_number: string; state: NumberState; decays_at: Date | null; decays_to: NumberState | null }>(
      manager,
      `SELECT phone_number,
              CASE WHEN decays_at <= clock_timestamp() AND decays_to IS NOT NULL THEN decays_to ELSE state END AS state,
              CASE WHEN decays_at <= clock_timestamp() THEN NULL ELSE decays_at END AS decays_at,
              CASE WHEN decays_at <= clock_timestamp() THEN NULL ELSE decays_to END AS decays_to
         FROM numbers WHERE phone_number = ANY($1)`,
      [phoneNumbers],
    );
    return new Map(
      rows.map((row) => [row.phone_number, { state: row.state, decaysAtMs: row.decays_at ? row.decays_at.getTime() : null, decaysTo: row.decays_to }]),
    );
  }
}
