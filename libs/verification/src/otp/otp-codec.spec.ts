import { OtpCodec } from './otp-codec';

const SECRET = 'a-test-secret-of-at-least-32-characters!!';

describe('OtpCodec', () => {
  it('generates six digits, zero-padded, from the injected CSPRNG', () => {
    expect(new OtpCodec(SECRET, () => 42).generate()).toBe('000042');
    expect(new OtpCodec(SECRET, () => 999999).generate()).toBe('999999');
    const codes = new Set(Array.from({ length: 200 }, () => new OtpCodec(SECRET).generate()));
    for (const code of codes) expect(code).toMatch(/^[0-9]{6}$/);
    expect(codes.size).toBeGreaterThan(190);
  });

  it('stores an HMAC bound to the verification and the secret, never the code', () => {
    const codec = new OtpCodec(SECRET);
    const hash = codec.hash('v1', '123456');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain('123456');
    expect(codec.hash('v2', '123456')).not.toBe(hash);
    expect(new OtpCodec(`${SECRET}x`).hash('v1', '123456')).not.toBe(hash);
  });

  it('matches only the right code for the right verification', () => {
    const codec = new OtpCodec(SECRET);
    const hash = codec.hash('v1', '123456');
    expect(codec.matches('v1', '123456', hash)).toBe(true);
    expect(codec.matches('v1', '123457', hash)).toBe(false);
    expect(codec.matches('v2', '123456', hash)).toBe(false);
    expect(codec.matches('v1', '0123456', hash)).toBe(false);
    expect(codec.matches('v1', '123456', 'abcd')).toBe(false);
  });

  it('seals and opens the code, and only for its verification', () => {
    const codec = new OtpCodec(SECRET);
    const sealed = codec.seal('v1', '654321');
    expect(sealed).not.toContain('654321');
    expect(Buffer.from(sealed, 'base64').toString('latin1')).not.toContain('654321');
    expect(codec.open('v1', sealed)).toBe('654321');
    expect(() => codec.open('v2', sealed)).toThrow();
    expect(() => new OtpCodec(`${SECRET}x`).open('v1', sealed)).toThrow();
    expect(codec.seal('v1', '654321')).not.toBe(sealed);
  });
});
