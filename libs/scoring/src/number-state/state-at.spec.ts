import { stateAt } from './number-state.reader';

describe('stateAt', () => {
  const restricted = { state: 'restricted' as const, decaysAtMs: 1_000, decaysTo: 'review' as const };

  it('keeps the state before its decay exit', () => {
    expect(stateAt(restricted, 999)).toBe('restricted');
  });

  it('applies the decay exit from its moment on, notice or not', () => {
    expect(stateAt(restricted, 1_000)).toBe('review');
    expect(stateAt(restricted, 5_000)).toBe('review');
  });

  it('keeps a state without a pending exit forever', () => {
    expect(stateAt({ state: 'suspended', decaysAtMs: null, decaysTo: null }, Number.MAX_SAFE_INTEGER)).toBe('suspended');
  });
});
