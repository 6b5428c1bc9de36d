import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { queryOne } from '@phonetrust/platform';
import { APPEAL_PRIORITY_BONUS } from './case-priority';

@Injectable()
export class CaseRepository {
  /**
   * Opens the number's case, or attaches to the one already open and raises its priority (keeping an appeal's
   * bonus). The partial unique index (one open case per number) makes this one race-free statement.
   */
  async openOrRaise(manager: EntityManager, phoneNumber: string, priority: number, reason: string): Promise<{ id: string; priority: number; opened: boolean }> {
    const row = await queryOne<{ id: string; priority: number; opened: boolean }>(
      manager,
      `INSERT INTO cases (phone_number, priority, reason) VALUES ($1, $2, $3)
       ON CONFLICT (phone_number) WHERE status = 'open'
       DO UPDATE SET priority = GREATEST(cases.priority, EXCLUDED.priority + CASE WHEN cases.appealed_at IS NULL THEN 0 ELSE $4::int END),
                     updated_at = now()
       RETURNING id, priority, (xmax = 0) AS opened`,
      [phoneNumber, priority, reason, APPEAL_PRIORITY_BONUS],
    );
    return row!;
  }
}
