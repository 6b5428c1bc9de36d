import { decay, secondsUntilDecayedTo } from './decay';
import { DEFAULT_SCORE_POLICY as P } from './policy';
import { evidenceBelowScore, evidenceOf, harassmentScore, secondsUntilScoreBelow } from './score';

describe('score and decay (SPEC §6)', () => {
  it('maps evidence to HS = round(100 · (1 − 2^(−E/3)))', () => {
    expect(harassmentScore(0, P)).toBe(0);
    expect(harassmentScore(-1, P)).toBe(0);
    expect(harassmentScore(3, P)).toBe(50);
    expect(harassmentScore(6, P)).toBe(75);
    expect(harassmentScore(2, P)).toBe(37);
    expect(harassmentScore(1000, P)).toBe(100);
  });

  it('halves evidence every half-life', () => {
    expect(decay(8, P.halfLifeSeconds, P.halfLifeSeconds)).toBeCloseTo(4);
    expect(decay(8, 3 * P.halfLifeSeconds, P.halfLifeSeconds)).toBeCloseTo(1);
    expect(decay(8, -10, P.halfLifeSeconds)).toBe(8);
    expect(secondsUntilDecayedTo(8, 2, 100)).toBeCloseTo(200);
    expect(secondsUntilDecayedTo(1, 2, 100)).toBe(0);
  });

  it('caps what lowest-assurance reporters add at 3.0', () => {
    expect(evidenceOf({ normal: 1, low: 10 }, P)).toBe(4);
    expect(evidenceOf({ normal: 1, low: 2 }, P)).toBe(3);
  });

  it('finds the evidence at which each score is crossed', () => {
    for (const s of [1, 20, 25, 40, 50, 70, 85, 99, 100]) {
      const e = evidenceBelowScore(s, P);
      expect(harassmentScore(e * 1.000001, P)).toBeGreaterThanOrEqual(s);
      expect(harassmentScore(e * 0.999999, P)).toBeLessThan(s);
    }
    expect(evidenceBelowScore(101, P)).toBe(Infinity);
  });

  it('says in closed form when the score falls below a threshold, with and without the cap binding', () => {
    const h = P.halfLifeSeconds;
    // E = 8 (normal only): below 40 when 8·k < e40
    const t = secondsUntilScoreBelow({ normal: 8, low: 0 }, 40, P)!;
    expect(harassmentScore(decay(8, t * 0.999, h), P)).toBeGreaterThanOrEqual(40);
    expect(harassmentScore(decay(8, t * 1.001, h), P)).toBeLessThan(40);
    // low = 12 is capped at 3 until it decays below 3
    const mass = { normal: 4, low: 12 };
    for (const s of [85, 70, 50, 40, 20]) {
      const at = secondsUntilScoreBelow(mass, s, P)!;
      const e = (k: number) => evidenceOf({ normal: decay(mass.normal, k, h), low: decay(mass.low, k, h) }, P);
      if (at > 0) expect(harassmentScore(e(at * 0.999), P)).toBeGreaterThanOrEqual(s);
      expect(harassmentScore(e(at * 1.001 + 1), P)).toBeLessThan(s);
    }
    expect(secondsUntilScoreBelow({ normal: 0, low: 0 }, 20, P)).toBe(0);
    expect(secondsUntilScoreBelow({ normal: 1, low: 0 }, 0, P)).toBeNull();
  });
});
