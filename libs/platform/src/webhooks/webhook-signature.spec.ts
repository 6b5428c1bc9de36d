import { signWebhook, verifyWebhook } from './webhook-signature';

describe('webhook signatures', () => {
  const body = '{"id":"1","type":"x"}';

  it('signs t.body with HMAC-SHA256 and verifies', () => {
    const header = signWebhook('s3cret', body, 1700000000);
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhook('s3cret', body, header, 1700000010)).toBe(true);
  });

  it('refuses another secret, a changed body, a stale timestamp and garbage', () => {
    const header = signWebhook('s3cret', body, 1700000000);
    expect(verifyWebhook('other', body, header, 1700000000)).toBe(false);
    expect(verifyWebhook('s3cret', body + ' ', header, 1700000000)).toBe(false);
    expect(verifyWebhook('s3cret', body, header, 1700000000 + 301)).toBe(false);
    expect(verifyWebhook('s3cret', body, 't=x,v1=zz', 1700000000)).toBe(false);
    expect(verifyWebhook('s3cret', body, undefined, 1700000000)).toBe(false);
  });
});
