import { backoffDelayMs } from './backoff';

describe('backoffDelayMs', () => {
  const policy = { baseMs: 1000, capMs: 60000 };

  it('doubles the ceiling with each attempt, between half and all of it', () => {
    expect(backoffDelayMs(1, policy, () => 0)).toBe(500);
    expect(backoffDelayMs(1, policy, () => 1)).toBe(1000);
    expect(backoffDelayMs(3, policy, () => 0)).toBe(2000);
    expect(backoffDelayMs(3, policy, () => 1)).toBe(4000);
  });

  it('never exceeds the cap, however many attempts', () => {
    for (const attempt of [7, 20, 100, 10000]) expect(backoffDelayMs(attempt, policy, () => 1)).toBe(60000);
  });

  it('treats attempt 0 or negative as the first', () => {
    expect(backoffDelayMs(0, policy, () => 1)).toBe(1000);
    expect(backoffDelayMs(-5, policy, () => 1)).toBe(1000);
  });
});
