import { DEFAULT_SCORE_POLICY as P, REPORT_CATEGORIES } from './policy';
import { assuranceOf, isLowAssurance, isLowTrust, reportWeight, trustOf } from './weight';

describe('report weight (SPEC §6)', () => {
  it('gives assurance 1.0 to verified buyers of 90+ days, 0.7 to 7+ days or no context, 0.3 otherwise', () => {
    expect(assuranceOf({ accountAgeDays: 90, verifiedBuyer: true }, P)).toBe(1.0);
    expect(assuranceOf({ accountAgeDays: 89, verifiedBuyer: true }, P)).toBe(0.7);
    expect(assuranceOf({ accountAgeDays: 400, verifiedBuyer: false }, P)).toBe(0.7);
    expect(assuranceOf({ accountAgeDays: 7, verifiedBuyer: false }, P)).toBe(0.7);
    expect(assuranceOf(undefined, P)).toBe(0.7);
    expect(assuranceOf(null, P)).toBe(0.7);
    expect(assuranceOf({ accountAgeDays: 6, verifiedBuyer: true }, P)).toBe(0.3);
    expect(assuranceOf({ accountAgeDays: 0, verifiedBuyer: false }, P)).toBe(0.3);
    expect(isLowAssurance(0.3, P)).toBe(true);
    expect(isLowAssurance(0.7, P)).toBe(false);
  });

  it('computes trust = assurance × 2(up+2)/(up+rejected+4), clamped to [0.05, 1.5]', () => {
    expect(trustOf(1.0, 0, 0, P)).toBe(1.0);
    expect(trustOf(0.7, 0, 0, P)).toBeCloseTo(0.7);
    expect(trustOf(1.0, 2, 0, P)).toBeCloseTo((2 * 4) / 6);
    expect(trustOf(1.0, 0, 4, P)).toBeCloseTo(0.5);
    expect(trustOf(1.0, 100, 0, P)).toBe(1.5);
    expect(trustOf(0.3, 0, 1000, P)).toBe(0.05);
  });

  it('weighs w = min(2.0, trust × severity × evidence)', () => {
    expect(reportWeight({ trust: 1, category: 'spam', attested: false }, P)).toBe(1.0);
    expect(reportWeight({ trust: 1, category: 'spam', attested: true }, P)).toBe(1.5);
    expect(reportWeight({ trust: 1, category: 'other', attested: false }, P)).toBe(0.5);
    expect(reportWeight({ trust: 0.7, category: 'harassment', attested: false }, P)).toBeCloseTo(1.05);
    expect(reportWeight({ trust: 1, category: 'scam', attested: true }, P)).toBe(2.0);
    expect(reportWeight({ trust: 1, category: 'threat', attested: false }, P)).toBe(2.0);
    expect(reportWeight({ trust: 0.7, category: 'impersonation', attested: false }, P)).toBeCloseTo(1.05);
    for (const category of REPORT_CATEGORIES) {
      expect(reportWeight({ trust: 1.5, category, attested: true }, P)).toBeLessThanOrEqual(2.0);
    }
  });

  it('calls trust below 0.5 low for the burst guard', () => {
    expect(isLowTrust(0.49, P)).toBe(true);
    expect(isLowTrust(0.5, P)).toBe(false);
  });
});
