import { aliyunEncode, aliyunSignature } from './aliyun-signature';

describe('Alibaba Cloud RPC signature', () => {
  it('percent-encodes the RFC 3986 way', () => {
    expect(aliyunEncode('a b*c~d/e+f')).toBe('a%20b%2Ac~d%2Fe%2Bf');
    expect(aliyunEncode('{"code":"1"}')).toBe('%7B%22code%22%3A%221%22%7D');
  });

  it('matches the worked example of the Alibaba Cloud signature documentation', () => {
    // The documented example (DescribeRegions, secret "testsecret") and its documented signature.
    const params = {
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      Format: 'XML',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      SignatureVersion: '1.0',
      Timestamp: '2016-02-23T12:46:24Z',
      Version: '2014-05-26',
    };
    expect(aliyunSignature('GET', params, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });
});
