import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decay, DEFAULT_SCORE_POLICY } from '@phonetrust/scoring';
import { startTestApp, TestApp } from '../support/test-app';
import { runInProcess } from './cli-harness';

const dir = mkdtempSync(join(tmpdir(), 'pt-cli-import-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const iso = (daysAgo: number, minutes = 0) => new Date(Date.now() - daysAgo * 86400000 + minutes * 60000).toISOString();

describe('reports:import', () => {
  let t: TestApp;
  const env = { LOG_LEVEL: 'error' };
  const run = (...args: string[]) => runInProcess(t.app, env, args);

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('imports good CSV rows, refuses bad ones by line, and a re-run imports nothing twice', async () => {
    const first3 = iso(3);
    const csv = file(
      'mixed.csv',
      [
        'phoneNumber,reporterId,category,occurredAt,description',
        `+14155550101,u1,scam,${first3},"said ""bank"", asked for a card"`,
        `+14155550101,u2,harassment,${iso(2)},`,
        `+1 415 555 0102,u3,spam,${iso(1)},"two\nlines"`,
        `555,u4,scam,${iso(1)},bad number`,
        `+14155550101,u5,${'rude'},${iso(1)},unknown category`,
        `+14155550101,u6,scam,yesterday,bad date`,
        `+14155550101,u7,"scam,${iso(1)},broken quote`,
        `+14155550101,u8`,
        `+14155550101,u1,scam,${first3},"said ""bank"", asked for a card"`,
      ].join('\n'),
    );
    const first = await run('reports:import', csv, '--json');
    expect(first.error).toBeNull();
    const summary = JSON.parse(first.stdout);
    expect(summary).toMatchObject({ read: 9, imported: 3, duplicates: 1, refused: 5, numbersScored: 2 });
    expect(summary.refusals).toEqual([
      { line: 6, reason: 'invalid phone number (INVALID_COUNTRY)' },
      { line: 7, reason: 'unknown category' },
      { line: 8, reason: 'invalid occurredAt' },
      { line: 9, reason: 'malformed CSV: quote not closed' },
      { line: 10, reason: 'expected 5 fields, got 2' },
    ]);
    const rows = await t.dataSource.query(`SELECT phone_number, category, description, import_pending FROM reports ORDER BY created_at`);
    expect(rows).toEqual([
      { phone_number: '+14155550101', category: 'scam', description: 'said "bank", asked for a card', import_pending: false },
      { phone_number: '+14155550101', category: 'harassment', description: null, import_pending: false },
      { phone_number: '+14155550102', category: 'spam', description: 'two\nlines', import_pending: false },
    ]);

    const again = JSON.parse((await run('reports:import', csv, '--json')).stdout);
    expect(again).toMatchObject({ read: 9, imported: 0, duplicates: 4, refused: 5, numbersScored: 0 });
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM reports`)).toEqual([{ n: 3 }]);
  });

  it('reads JSON Lines and the FTC layout, and refuses a broken JSON line by number', async () => {
    const jsonl = file(
      'reports.jsonl',
      [
        JSON.stringify({ phoneNumber: '+447911123456', reporterId: 'j1', category: 'threat', occurredAt: iso(1), evidence: { interactionId: 'c-1', attested: true } }),
        '{"phoneNumber": "+447911123456", broken',
        JSON.stringify({ phoneNumber: '07911 123456', country: 'GB', reporterId: 'j2', category: 'spam', occurredAt: iso(1, 5) }),
        JSON.stringify({ Company_Phone_Number: '4155550199', Created_Date: iso(10).slice(0, 19).replace('T', ' '), Subject: 'Reducing your debt (credit cards, mortgage, student loans)' }),
      ].join('\n'),
    );
    const out = JSON.parse((await run('reports:import', jsonl, '--json')).stdout);
    expect(out).toMatchObject({ read: 4, imported: 3, refused: 1, refusals: [{ line: 2, reason: 'invalid JSON' }] });
    // An attested threat sends the number to review, through the state machine, with one audit entry.
    const [number] = await t.dataSource.query(`SELECT state FROM numbers WHERE phone_number = '+447911123456'`);
    expect(number.state).toBe('review');
    const audit = await t.dataSource.query(`SELECT actor, reason, after->>'state' AS state FROM audit_entries WHERE phone_number = '+447911123456' AND action = 'number.state_changed'`);
    expect(audit).toEqual([{ actor: 'system', reason: 'reports import', state: 'review' }]);
    const [ftc] = await t.dataSource.query(`SELECT category, channel FROM reports WHERE phone_number = '+14155550199'`);
    expect(ftc).toEqual({ category: 'scam', channel: 'call' });
  });

  it('honours historic timestamps: two-year-old reports are decayed, recent ones are not', async () => {
    const lines = ['phoneNumber,reporterId,category,occurredAt'];
    for (let i = 0; i < 2; i++) {
      lines.push(`+14155550111,old-${i},spam,${iso(730, i * 10)}`);
      lines.push(`+14155550112,new-${i},spam,${iso(1, i * 10)}`);
    }
    const out = JSON.parse((await run('reports:import', file('decay.csv', lines.join('\n')), '--json')).stdout);
    expect(out).toMatchObject({ imported: 4, refused: 0 });
    const rows: { phone_number: string; state: string; mass: number; as_of: Date }[] = await t.dataSource.query(
      `SELECT phone_number, state, mass_normal AS mass, mass_as_of AS as_of FROM numbers WHERE phone_number IN ('+14155550111', '+14155550112') ORDER BY phone_number`,
    );
    const evidence = (r: (typeof rows)[number]) => decay(r.mass, Date.now() / 1000 - new Date(r.as_of).getTime() / 1000, DEFAULT_SCORE_POLICY.halfLifeSeconds);
    const [old, recent] = rows;
    expect(evidence(old)).toBeLessThan(1e-6);
    expect(evidence(recent)).toBeGreaterThan(1.3);
    // Both reached watch when their reports came in; the old one has long decayed out of it (audited once: no
    // net change, no entry), the recent one is in it now.
    expect(old.state).toBe('ok');
    expect(recent.state).toBe('watch');
    const [created] = await t.dataSource.query(`SELECT min(created_at) AS at FROM reports WHERE phone_number = '+14155550111'`);
    expect(Date.now() - new Date(created.at).getTime()).toBeGreaterThan(729 * 86400000);
  });

  it('answers a missing file and a bad flag with a clear error', async () => {
    expect((await run('reports:import', join(dir, 'nope.csv'))).error?.message).toMatch(/cannot read .*nope\.csv: no such file/);
    expect((await run('reports:import', file('x.txt', 'a'))).error?.message).toMatch(/--format csv or --format jsonl/);
    expect((await run('reports:import', file('y.csv', 'a'), '--country', 'ZZ')).error?.message).toMatch(/--country must be an ISO 3166/);
  });
});
