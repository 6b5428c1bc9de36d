import { quotaRefusal } from './reporter-quota';

const quotas = { perMinute: 5, perDay: 20 };
const count = (minuteReports: number, dayReports: number, minuteEndsIn = 42, dayEndsIn = 80000) => ({ minuteReports, dayReports, minuteEndsIn, dayEndsIn });

describe('quotaRefusal', () => {
  it('lets a report through up to and including each quota', () => {
    expect(quotaRefusal(count(1, 1), quotas)).toBeNull();
    expect(quotaRefusal(count(5, 20), quotas)).toBeNull();
  });

  it('refuses the report past the minute quota until the minute window ends', () => {
    expect(quotaRefusal(count(6, 6), quotas)).toBe(42);
  });

  it('refuses the report past the day quota until the day window ends', () => {
    expect(quotaRefusal(count(1, 21), quotas)).toBe(80000);
  });

  it('past both, waits for the later window', () => {
    expect(quotaRefusal(count(6, 21, 42, 30), quotas)).toBe(42);
    expect(quotaRefusal(count(6, 21, 42, 80000), quotas)).toBe(80000);
  });

  it('never tells a client to wait less than nothing or longer than the window', () => {
    expect(quotaRefusal(count(6, 1, -3), quotas)).toBe(0);
    expect(quotaRefusal(count(6, 1, 75), quotas)).toBe(60);
    expect(quotaRefusal(count(1, 21, 42, 90000), quotas)).toBe(86400);
  });
});
