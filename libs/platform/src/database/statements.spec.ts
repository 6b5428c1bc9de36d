import { combineStatements } from './statements';

describe('combineStatements', () => {
  it('returns a single statement unchanged', () => {
    const one = { text: 'UPDATE t SET a = $1', params: [1] };
    expect(combineStatements([one])).toBe(one);
  });

  it('puts the others in front as CTEs, their parameters renumbered after the main statement', () => {
    const combined = combineStatements([
      { text: 'INSERT INTO r (a, b) VALUES ($1, $2) RETURNING id', params: ['a', 'b'] },
      { text: 'UPDATE n SET x = $2 WHERE k = $1', params: ['k', 'x'] },
      { text: 'UPDATE c SET y = $1, z = $10 WHERE k = $3', params: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
    ]);
    expect(combined.text).toBe(
      'WITH w1 AS (UPDATE n SET x = $4 WHERE k = $3),\nw2 AS (UPDATE c SET y = $5, z = $14 WHERE k = $7)\nINSERT INTO r (a, b) VALUES ($1, $2) RETURNING id',
    );
    expect(combined.params).toEqual(['a', 'b', 'k', 'x', 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('refuses an empty list', () => {
    expect(() => combineStatements([])).toThrow();
  });
});
