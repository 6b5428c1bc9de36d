import { NumberState } from '../number-state/number-state';

/** Priority of a case by the state that opened or raised it. */
export const CASE_PRIORITY: Readonly<Partial<Record<NumberState, number>>> = { review: 1, restricted: 2, suspended: 3 };

/**
 * What a merchant's appeal adds to its case's priority: someone is waiting on the answer, so an appealed
 * restriction ranks with a suspension. The bonus stays when the state raises the case later.
 */
export const APPEAL_PRIORITY_BONUS = 1;
