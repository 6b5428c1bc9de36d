import { createHash } from 'node:crypto';
import { displayPrefix, generateApiKey, hashApiKey } from './api-key-secret';

describe('hashApiKey', () => {
  it('is the hex SHA-256 of the key (FIPS 180-2 test vector), so keys stored before any change still match', () => {
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes the key as UTF-8, as every stored hash was made', () => {
    const key = 'clé-opérateur-✓';
    expect(hashApiKey(key)).toBe(createHash('sha256').update(key, 'utf8').digest('hex'));
  });
});

describe('generateApiKey', () => {
  it('makes a pt_ key of 32 random bytes, a new one each time, which displayPrefix shortens to six characters', () => {
    const [a, b] = [generateApiKey(), generateApiKey()];
    expect(a).toMatch(/^pt_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(displayPrefix(a)).toBe(a.slice(0, 9));
  });
});
