import { NUMBER_STATES } from '@phonetrust/scoring';
import { appealRefusal } from './appeal-eligibility';

describe('appealRefusal', () => {
  it('lets the bound merchant appeal a restricted or suspended number, and nothing else', () => {
    const allowed = NUMBER_STATES.filter((state) => appealRefusal({ merchantId: 'm1', boundTo: 'm1', state }) === null);
    expect(allowed).toEqual(['restricted', 'suspended']);
    expect(appealRefusal({ merchantId: 'm1', boundTo: 'm1', state: 'review' })).toBe('not_restricted');
  });

  it('refuses a merchant the number is not bound to before looking at the state', () => {
    for (const state of NUMBER_STATES) {
      expect(appealRefusal({ merchantId: 'm1', boundTo: 'm2', state })).toBe('not_bound');
      expect(appealRefusal({ merchantId: 'm1', boundTo: null, state })).toBe('not_bound');
    }
  });
});
