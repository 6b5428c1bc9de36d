import { createHmac } from 'node:crypto';

/** Alibaba Cloud's percent-encoding for RPC signatures: RFC 3986, with '*' encoded and '~' kept. */
export function aliyunEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Signature v1.0 of Alibaba Cloud RPC APIs (Dysmsapi SendSms): HMAC-SHA1 with key `secret + "&"` over
 * `METHOD&%2F&encode(sorted canonical query)`, base64-encoded.
 */
export function aliyunSignature(method: 'GET' | 'POST', params: Record<string, string>, accessKeySecret: string): string {
  const canonical = Object.keys(params)
    .sort()
    .map((key) => `${aliyunEncode(key)}=${aliyunEncode(params[key])}`)
    .join('&');
  const stringToSign = `${method}&${aliyunEncode('/')}&${aliyunEncode(canonical)}`;
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign).digest('base64');
}
