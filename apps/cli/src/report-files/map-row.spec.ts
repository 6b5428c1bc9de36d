import { ftcCategory } from './ftc-row';
import { mapRow } from './map-row';

const NOW = Date.parse('2025-06-01T00:00:00Z') / 1000;
const options = { nowSeconds: NOW };

describe('mapRow, the service layout', () => {
  const good = { phoneNumber: '+1 415 555 2671', reporterId: 'u-1', category: 'Scam', occurredAt: '2024-06-01T10:00:00Z' };

  it('normalises a good row and keeps its historic time', () => {
    const r = mapRow(good, 'auto', options);
    expect(r).toMatchObject({ ok: true, report: { phoneNumber: '+14155552671', category: 'scam', at: Date.parse('2024-06-01T10:00:00Z') / 1000 } });
  });

  it('gives the same import key to the same report written two ways, another to a different one', () => {
    const a = mapRow(good, 'auto', options);
    const b = mapRow({ ...good, phoneNumber: '(415) 555-2671', country: 'US' }, 'auto', options);
    const c = mapRow({ ...good, category: 'spam' }, 'auto', options);
    if (!a.ok || !b.ok || !c.ok) throw new Error('expected rows');
    expect(b.report.importKey).toBe(a.report.importKey);
    expect(c.report.importKey).not.toBe(a.report.importKey);
  });

  it.each([
    [{ ...good, phoneNumber: '12' }, /^invalid phone number/],
    [{ ...good, phoneNumber: undefined }, /^missing phoneNumber$/],
    [{ ...good, category: 'rude' }, /^unknown category$/],
    [{ ...good, occurredAt: '2024-13-01' }, /^invalid occurredAt$/],
    [{ ...good, occurredAt: '2999-01-01T00:00:00Z' }, /^invalid occurredAt$/],
    [{ ...good, channel: 'fax' }, /^unknown channel$/],
    [{ ...good, description: 'x'.repeat(2001) }, /^invalid description$/],
    [{ ...good, reporterId: 'a\u0001b' }, /^invalid reporterId$/],
    [{ ...good, attested: 'yes', interactionId: 'i-1' }, /^invalid evidence$/],
    [{ ...good, accountAgeDays: '-3', verifiedBuyer: 'true' }, /^invalid reporterContext$/],
  ])('refuses %j', (row, reason) => {
    const r = mapRow(row as Record<string, unknown>, 'auto', options);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('reads flat CSV evidence and context, and nested JSON ones, alike', () => {
    const flat = mapRow({ ...good, interactionId: 'c-9', attested: 'true', accountAgeDays: '120', verifiedBuyer: 'true' }, 'auto', options);
    const nested = mapRow({ ...good, evidence: { interactionId: 'c-9', attested: true }, reporterContext: { accountAgeDays: 120, verifiedBuyer: true } }, 'auto', options);
    if (!flat.ok || !nested.ok) throw new Error('expected rows');
    expect(flat.report).toEqual(nested.report);
    expect(flat.report.evidence).toEqual({ interactionId: 'c-9', attested: true });
  });
});

describe('mapRow, the FTC Do-Not-Call layout', () => {
  const ftc = {
    Company_Phone_Number: '4155552671',
    Created_Date: '2023-09-29 16:49:00',
    Violation_Date: '2023-09-29 16:40:00',
    Consumer_State: 'California',
    Subject: 'Calls pretending to be government, businesses, or family and friends',
    Recorded_Message_Or_Robocall: 'Robocall',
  };

  it('reads the number as US, Created_Date as UTC, the subject as a category, and hashes the row for the reporter', () => {
    const r = mapRow(ftc, 'auto', options);
    if (!r.ok) throw new Error(r.reason);
    expect(r.report).toMatchObject({
      phoneNumber: '+14155552671',
      category: 'impersonation',
      channel: 'call',
      at: Date.parse('2023-09-29T16:49:00Z') / 1000,
      reporterContext: null,
    });
    expect(r.report.reporterId).toMatch(/^ftc:[0-9a-f]{40}$/);
    const again = mapRow({ ...ftc }, 'ftc', options);
    const other = mapRow({ ...ftc, Consumer_State: 'Oregon' }, 'ftc', options);
    if (!again.ok || !other.ok) throw new Error('expected rows');
    expect(again.report.reporterId).toBe(r.report.reporterId);
    expect(other.report.reporterId).not.toBe(r.report.reporterId);
  });

  it('uses --country for national numbers and refuses bad numbers and dates', () => {
    const gb = mapRow({ ...ftc, Company_Phone_Number: '020 7946 0018' }, 'ftc', { ...options, country: 'GB' });
    expect(gb).toMatchObject({ ok: true, report: { phoneNumber: '+442079460018' } });
    expect(mapRow({ ...ftc, Company_Phone_Number: '555' }, 'ftc', options)).toMatchObject({ ok: false, reason: expect.stringMatching(/^invalid phone number/) });
    expect(mapRow({ ...ftc, Created_Date: '2023-02-30 10:00:00' }, 'ftc', options)).toEqual({ ok: false, reason: 'invalid Created_Date' });
    expect(mapRow({ ...ftc, Created_Date: '09/29/2023 4:49 PM' }, 'ftc', options)).toMatchObject({ ok: true, report: { at: Date.parse('2023-09-29T16:49:00Z') / 1000 } });
  });

  it.each([
    ['Reducing your debt (credit cards, mortgage, student loans)', 'scam'],
    ['Computer & technical support', 'scam'],
    ['Lotteries, prizes & sweepstakes', 'scam'],
    ['Calls pretending to be government, businesses, or family and friends', 'impersonation'],
    ['Dropped call or no message', 'spam'],
    ['Energy, solar, & home improvements', 'spam'],
    ['', 'spam'],
  ])('maps the subject %j to %s', (subject, category) => {
    expect(ftcCategory(subject)).toBe(category);
  });
});
