import { median } from './median';

describe('median', () => {
  it('takes the middle figure of an odd count, whatever the order', () => {
    expect(median([42.5, 27.8, 49.3])).toBe(42.5);
  });

  it('takes the mean of the middle two of an even count', () => {
    expect(median([30.3, 44.1])).toBeCloseTo(37.2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('leaves its input in the order it was given', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});
