import { encodeCursor, PlatformError } from '@phonetrust/platform';
import { caseCursorOf, CASE_ORDER_BY, CASE_SORTS, decodeCaseCursor } from './case-order';

const ID = '0b9c2f4e-5d1a-4c3b-9e8f-7a6b5c4d3e2f';
const AT = '2026-11-24T17:14:52.265123Z';

describe('case queue orders and cursors', () => {
  it('has an ORDER BY for every allowed sort, and nothing else', () => {
    expect(Object.keys(CASE_ORDER_BY).sort()).toEqual([...CASE_SORTS].sort());
    for (const order of Object.values(CASE_ORDER_BY)) expect(order).toMatch(/^[a-z_]+ (ASC|DESC)(, [a-z_]+ (ASC|DESC))*$/);
  });

  it('round-trips each sort\'s cursor', () => {
    const row = { id: ID, priority: 3, opened_at_exact: AT };
    expect(decodeCaseCursor('priority', encodeCursor(caseCursorOf('priority', row)))).toEqual({ sort: 'priority', priority: 3, openedAt: AT, id: ID });
    expect(decodeCaseCursor('oldest', encodeCursor(caseCursorOf('oldest', row)))).toEqual({ sort: 'oldest', openedAt: AT, id: ID });
    expect(decodeCaseCursor('newest', encodeCursor(caseCursorOf('newest', row)))).toEqual({ sort: 'newest', openedAt: AT, id: ID });
    expect(decodeCaseCursor('priority', undefined)).toBeUndefined();
  });

  it('refuses a cursor of another sort, or any field of the wrong shape, as invalid_cursor', () => {
    const row = { id: ID, priority: 3, opened_at_exact: AT };
    const invalid = (sort: (typeof CASE_SORTS)[number], value: Record<string, string | number>) => {
      try {
        decodeCaseCursor(sort, encodeCursor(value));
      } catch (error) {
        return error instanceof PlatformError && error.code === 'invalid_cursor';
      }
      return false;
    };
    expect(invalid('priority', caseCursorOf('oldest', row))).toBe(true);
    expect(invalid('oldest', caseCursorOf('newest', row))).toBe(true);
    expect(invalid('newest', caseCursorOf('priority', row))).toBe(true);
    expect(invalid('priority', { s: 'priority', p: 1.5, at: AT, id: ID })).toBe(true);
    expect(invalid('priority', { s: 'priority', p: '3', at: AT, id: ID })).toBe(true);
    expect(invalid('oldest', { s: 'oldest', at: "2026-01-01' OR '1'='1", id: ID })).toBe(true);
    expect(invalid('oldest', { s: 'oldest', at: AT, id: 'x; DROP TABLE cases' })).toBe(true);
  });
});
