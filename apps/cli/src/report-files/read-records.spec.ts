import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileRecord, formatOf, readRecords } from './read-records';

const dir = mkdtempSync(join(tmpdir(), 'pt-read-'));
async function read(name: string, content: string): Promise<FileRecord[]> {
  const path = join(dir, name);
  writeFileSync(path, content);
  const out: FileRecord[] = [];
  for await (const r of readRecords(path, formatOf(path))) out.push(r);
  return out;
}

describe('readRecords', () => {
  it('reads CSV with quoted multi-line fields and numbers records by their first line', async () => {
    const records = await read('a.csv', '\uFEFFa,b\r\n1,"two\nlines"\n\n3,"say ""hi"""\n');
    expect(records).toEqual([
      { line: 2, fields: { a: '1', b: 'two\nlines' } },
      { line: 5, fields: { a: '3', b: 'say "hi"' } },
    ]);
  });

  it('refuses a broken quote or a short row with its line number and reads on', async () => {
    const records = await read('b.csv', 'a,b,c\n1,2,3\n4,"5,6\n7,8,9\n10,11\n12,13,14\n"x"y,1,2\n');
    expect(records.map((r) => ('error' in r ? `${r.line}: ${r.error.split(':')[0]}` : `${r.line}: ok`))).toEqual([
      '2: ok',
      '3: malformed CSV',
      '4: ok',
      '5: expected 3 fields, got 2',
      '6: ok',
      '7: malformed CSV',
    ]);
  });

  it('reads JSON Lines, refusing what is not a JSON object', async () => {
    const records = await read('c.jsonl', '{"a":1}\n{broken\n\n[1,2]\n{"a":2}');
    expect(records).toEqual([
      { line: 1, fields: { a: 1 } },
      { line: 2, error: 'invalid JSON' },
      { line: 4, error: 'not a JSON object' },
      { line: 5, fields: { a: 2 } },
    ]);
  });

  it('tells the format by extension or flag, and says so when it cannot', () => {
    expect(formatOf('x.CSV')).toBe('csv');
    expect(formatOf('x.ndjson')).toBe('jsonl');
    expect(formatOf('x.txt', 'jsonl')).toBe('jsonl');
    expect(() => formatOf('x.txt')).toThrow(/--format csv or --format jsonl/);
  });
});
