import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NumberState } from './number-state';

/**
 * What other modules may know of a number's state (verification refuses suspended numbers, the display
 * check hides restricted ones). A number never reported is `ok`.
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
    const rows: { phone_number: string; state: NumberState }[] = await manager.query(
      'SELECT phone_number, state FROM numbers WHERE phone_number = ANY($1)',
      [phoneNumbers],
    );
    return new Map(rows.map((row) => [row.phone_number, row.state]));
  }
}
