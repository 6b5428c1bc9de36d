import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryOne } from '@phonetrust/platform';
import { NumberState } from '../number-state/number-state';

/** Priority of a case by the state that opened or raised it. */
export const CASE_PRIORITY: Readonly<Partial<Record<NumberState, number>>> = { review: 1, restricted: 2, suspended: 3 };

@Injectable()
export class CaseRepository {
  /**
   * Opens the number's case, or attaches to the one already open and raises its priority. The partial unique
   * index (one open case per number) makes this one race-free statement.
   */
  async openOrRaise(manager: EntityManager, phoneNumber: string, priority: number, reason: string): Promise<{ id: string; priority: number; opened: boolean }> {
    const row = await queryOne<{ id: string; priority: number; opened: boolean }>(
      manager,
      `INSERT INTO cases (phone_number, priority, reason) VALUES ($1, $2, $3)
       ON CONFLICT (phone_number) WHERE status = 'open'
       DO UPDATE SET priority = GREATEST(cases.priority, EXCLUDED.priority), updated_at = now()
       RETURNING id, priority, (xmax = 0) AS opened`,
      [phoneNumber, priority, reason],
    );
    return row!;
  }
}
