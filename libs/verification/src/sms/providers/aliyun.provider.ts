import { randomUUID } from 'node:crypto';
import { send } from '@phonetrust/platform';
import { Channel } from '../../policy/number-policy';
import { SendResult, SmsMessage, SmsProvider } from '../sms-message';
import { aliyunSignature } from './aliyun-signature';

export interface AliyunOptions {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templateCode: string;
  endpoint: string;
  regionId: string;
  timeoutMs: number;
}

/** Codes that say this number will never get the message (a retry elsewhere may still work). */
const PERMANENT_CODES = new Set(['isv.MOBILE_NUMBER_ILLEGAL', 'isv.BLACK_KEY_CONTROL_LIMIT', 'isv.INVALID_PARAMETERS']);

/**
 * Alibaba Cloud SMS (Dysmsapi `SendSms`, version 2017-05-25): an approved template code with `{"code": …}`
 * as its parameter, a signed RPC request. SMS only; voice messages go to the next provider.
 */
export class AliyunSmsProvider implements SmsProvider {
  readonly name = 'aliyun';

  constructor(
    private readonly options: AliyunOptions,
    private readonly now: () => Date = () => new Date(),
  ) {}

  supports(channel: Channel): boolean {
    return channel === 'sms';
  }

  async send(message: SmsMessage): Promise<SendResult> {
    const params: Record<string, string> = {
      AccessKeyId: this.options.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      OutId: message.messageId,
      PhoneNumbers: aliyunNumber(message.to),
      RegionId: this.options.regionId,
      SignName: this.options.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      TemplateCode: this.options.templateCode,
      TemplateParam: JSON.stringify({ code: message.code }),
      Timestamp: this.now().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
    };
    params.Signature = aliyunSignature('POST', params, this.options.accessKeySecret);
    const result = await send(
      this.options.endpoint.replace(/\/$/, '') + '/',
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params).toString() },
      this.options.timeoutMs,
    );
    let reply: { Code?: string; Message?: string; BizId?: string } = {};
    try {
      reply = JSON.parse(result.body ?? '{}');
    } catch {
      // not JSON: judged by the HTTP status alone
    }
    if (result.ok && reply.Code === 'OK') return { ok: true, providerMessageId: reply.BizId };
    const code = reply.Code ?? result.error ?? 'unknown';
    return { ok: false, error: `aliyun: ${code}${reply.Message ? ` ${reply.Message}` : ''}`, retryable: !PERMANENT_CODES.has(code) };
  }
}

/** Mainland China numbers go without the country code; others as country code and number, without '+'. */
export function aliyunNumber(e164: string): string {
  return e164.startsWith('+86') ? e164.slice(3) : e164.slice(1);
}
