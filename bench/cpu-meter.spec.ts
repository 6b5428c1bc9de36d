import { existsSync, readFileSync } from 'node:fs';
import { parseRunQueueSeconds, runQueueSeconds } from './cpu-meter';

describe('the time a thread waited for a CPU', () => {
  it('is the second field of a schedstat line, in nanoseconds', () => {
    expect(parseRunQueueSeconds('1687286 394784000 2\n')).toBeCloseTo(0.394784, 9);
  });

  it('is 0 when the line is not a schedstat line', () => {
    expect(parseRunQueueSeconds('')).toBe(0);
    expect(parseRunQueueSeconds('nonsense')).toBe(0);
  });

  it("is read from a live process's schedstat (0 where there is no /proc)", () => {
    const file = `/proc/${process.pid}/schedstat`;
    if (!existsSync(file)) {
      expect(runQueueSeconds(process.pid)).toBe(0);
      return;
    }
    const before = parseRunQueueSeconds(readFileSync(file, 'utf8'));
    const read = runQueueSeconds(process.pid);
    const after = parseRunQueueSeconds(readFileSync(file, 'utf8'));
    expect(read).toBeGreaterThanOrEqual(before);
    expect(read).toBeLessThanOrEqual(after);
  });

  it('is 0 for a process that is not there', () => {
    expect(runQueueSeconds(2 ** 22 + 1)).toBe(0);
  });
});
