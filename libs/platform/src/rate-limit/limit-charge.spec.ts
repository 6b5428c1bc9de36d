import { chargeStatement, counterKey, refusalOf } from './limit-charge';
import { LimitRule } from './limit-rule';

const perMinute: LimitRule = { scope: 'reporter', key: 'report:abc', points: 5, durationSeconds: 60 };
const perDay: LimitRule = { scope: 'reporter', key: 'report:abc', points: 20, durationSeconds: 86400 };
const perHour: LimitRule = { scope: 'ip', key: 'report:203.0.113.7', points: 30, durationSeconds: 3600 };

describe('counterKey', () => {
  it("is rate-limiter-flexible's keyPrefix:key, the prefix naming the scope, points and window", () => {
    expect(counterKey(perMinute)).toBe('reporter:5:60:report:abc');
  });

  it('hashes a long client-given key instead of storing it', () => {
    const key = counterKey({ ...perMinute, key: 'x'.repeat(500) });
    expect(key).toMatch(/^reporter:5:60:[0-9a-f]{64}$/);
  });
});

describe('chargeStatement', () => {
  it('charges every counter once, in key order, each with its own window', () => {
    const { params } = chargeStatement([perHour, perMinute, perDay], 1_000_000, 2);
    expect(params).toEqual([
      ['ip:30:3600:report:203.0.113.7', 'reporter:20:86400:report:abc', 'reporter:5:60:report:abc'],
      2,
      1_000_000,
      [3_600_000, 86_400_000, 60_000],
    ]);
  });

  it('charges a rule given twice once (one upsert cannot touch a row twice)', () => {
    const { params } = chargeStatement([perMinute, perMinute], 0);
    expect(params[0]).toEqual(['reporter:5:60:report:abc']);
  });
});

describe('refusalOf', () => {
  const now = 1_000_000;
  const row = (rule: LimitRule, points: number, expire: number | string | null = now + 30_000) => ({ key: counterKey(rule), points, expire });

  it('accepts counters up to their points', () => {
    expect(refusalOf([perMinute, perDay], [row(perMinute, 5), row(perDay, 20)], now)).toBeNull();
  });

  it('names the first rule (in rule order) past its points, with the time until its window ends', () => {
    const refusal = refusalOf([perMinute, perDay], [row(perDay, 21, String(now + 7_200_000)), row(perMinute, 6, now + 12_500)], now);
    expect(refusal).toEqual({ rule: perMinute, retryAfterSeconds: 12.5 });
  });

  it('never asks to wait longer than one window, whatever clock opened it', () => {
    // another process opened the window a millisecond ahead of this one's clock
    expect(refusalOf([perMinute], [row(perMinute, 6, now + 60_001)], now)?.retryAfterSeconds).toBe(60);
  });

  it('refuses a later rule when the earlier ones are within their points', () => {
    expect(refusalOf([perMinute, perHour], [row(perMinute, 1), row(perHour, 31)], now)?.rule).toBe(perHour);
  });

  it('fails loudly when a rule was not charged at all', () => {
    expect(() => refusalOf([perMinute, perHour], [row(perMinute, 1)], now)).toThrow(/not charged/);
  });
});
