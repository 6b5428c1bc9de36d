import { combineStatements, memoText, updateHeldRow } from './statements';

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

  it('gives the same parts the same text, assembled once, with each call its own parameters', () => {
    const main = (id: string) => ({ text: 'INSERT INTO r (id) VALUES ($1) RETURNING id', params: [id] });
    const other = (k: string) => ({ text: 'UPDATE n SET x = 1 WHERE k = $1', params: [k] });
    const first = combineStatements([main('a'), other('k1')]);
    const second = combineStatements([main('b'), other('k2')]);
    expect(second.text).toBe(first.text);
    expect([first.params, second.params]).toEqual([
      ['a', 'k1'],
      ['b', 'k2'],
    ]);
    expect(combineStatements([other('k'), main('a')]).text).not.toBe(first.text);
    // The same texts after a main statement with one parameter more: renumbered differently.
    const wider = combineStatements([{ text: main('a').text, params: ['a', 'extra'] }, other('k')]);
    expect(wider.text).toContain('WHERE k = $3');
    expect(first.text).toContain('WHERE k = $2');
  });
});

describe('memoText', () => {
  it('builds a text once per distinct parts, and tells parts apart however they split', () => {
    let built = 0;
    const build = (text: string) => () => {
      built++;
      return text;
    };
    expect(memoText(['memo-a', 'memo-b'], build('ab'))).toBe('ab');
    expect(memoText(['memo-a', 'memo-b'], build('built again'))).toBe('ab');
    expect(built).toBe(1);
    expect(memoText(['memo-ab'], build('joined'))).toBe('joined');
    expect(memoText(['memo-a', 'memo-b', ''], build('three parts'))).toBe('three parts');
    expect(built).toBe(3);
  });
});

describe('updateHeldRow', () => {
  it('writes a held row as an upsert on its key', () => {
    expect(updateHeldRow('numbers', { phone_number: '$1' }, 'state = $2')).toBe(
      'INSERT INTO numbers AS t (phone_number) VALUES ($1)\n       ON CONFLICT (phone_number) DO UPDATE SET state = $2',
    );
  });
});
