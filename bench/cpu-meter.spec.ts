import { parseRunQueueSeconds, runQueueSeconds } from './cpu-meter';

describe('the time a thread waited for a CPU', () => {
  it('is the second field of a schedstat line, in nanoseconds', () => {
    expect(parseRunQueueSeconds('1687286 394784000 2\n')).toBeCloseTo(0.394784, 9);
  });

  it('is 0 when the line is not a schedstat line', () => {
    expect(parseRunQueueSeconds('')).toBe(0);
    expect(parseRunQueueSeconds('nonsense')).toBe(0);
  });

  it('is read for a live process, and grows only', () => {
    const before = runQueueSeconds(process.pid);
    expect(before).toBeGreaterThanOrEqual(0);
    expect(runQueueSeconds(process.pid)).toBeGreaterThanOrEqual(before);
  });

  it('is 0 for a process that is not there', () => {
    expect(runQueueSeconds(2 ** 22 + 1)).toBe(0);
  });
});
