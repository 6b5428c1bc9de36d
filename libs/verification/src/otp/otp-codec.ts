import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export const OTP_LENGTH = 6;

/**
 * Everything secret about one-time codes, behind one small port: generation (CSPRNG), the HMAC stored to
 * check them, and the sealed copy kept only while a verification is pending so a resend sends the same code.
 * Both keys are derived from OTP_SECRET, which never enters the database. Bound to the verification id,
 * so a hash or a sealed code is worthless on any other verification.
 */
export class OtpCodec {
  private readonly hmacKey: Buffer;
  private readonly sealKey: Buffer;

  constructor(
    secret: string,
    private readonly random: (max: number) => number = randomInt,
  ) {
    this.hmacKey = Buffer.from(hkdfSync('sha256', secret, 'phonetrust', 'otp-hmac-v1', 32));
    this.sealKey = Buffer.from(hkdfSync('sha256', secret, 'phonetrust', 'otp-seal-v1', 32));
  }

  generate(): string {
    return String(this.random(10 ** OTP_LENGTH)).padStart(OTP_LENGTH, '0');
  }

  hash(verificationId: string, code: string): string {
    return createHmac('sha256', this.hmacKey).update(`${verificationId}:${code}`).digest('hex');
  }

  /** Constant-time comparison of a presented code with the stored hash. */
  matches(verificationId: string, code: string, storedHash: string): boolean {
    const presented = Buffer.from(this.hash(verificationId, code), 'hex');
    const stored = Buffer.from(storedHash, 'hex');
    return presented.length === stored.length && timingSafeEqual(presented, stored);
  }

  /** AES-256-GCM, the verification id as associated data: base64(iv | tag | ciphertext). */
  seal(verificationId: string, code: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, iv);
    cipher.setAAD(Buffer.from(verificationId));
    const ciphertext = Buffer.concat([cipher.update(code, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
  }

  open(verificationId: string, sealed: string): string {
    const data = Buffer.from(sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.sealKey, data.subarray(0, 12));
    decipher.setAAD(Buffer.from(verificationId));
    decipher.setAuthTag(data.subarray(12, 28));
    return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
  }
}
