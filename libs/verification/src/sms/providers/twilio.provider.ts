import { send } from '@phonetrust/platform';
import { Channel } from '../../policy/number-policy';
import { voiceLanguage } from '../message-text';
import { SendResult, SmsMessage, SmsProvider } from '../sms-message';

export interface TwilioOptions {
  accountSid: string;
  authToken: string;
  from: string;
  messagingServiceSid: string;
  baseUrl: string;
  timeoutMs: number;
}

/** Twilio errors that no retry can fix: invalid or unreachable "To", or a number that opted out. */
const PERMANENT_ERRORS = new Set([21211, 21214, 21217, 21407, 21408, 21610, 21612, 21614]);

/**
 * Twilio's REST API: Messages for SMS, Calls with inline TwiML `<Say>` for voice. Form-encoded, Basic auth
 * with the account SID and auth token.
 */
export class TwilioSmsProvider implements SmsProvider {
  readonly name = 'twilio';

  constructor(private readonly options: TwilioOptions) {}

  supports(channel: Channel): boolean {
    return channel === 'sms' || this.options.from !== '';
  }

  async send(message: SmsMessage): Promise<SendResult> {
    const form = new URLSearchParams({ To: message.to });
    let resource: string;
    if (message.channel === 'sms') {
      resource = 'Messages';
      if (this.options.messagingServiceSid) form.set('MessagingServiceSid', this.options.messagingServiceSid);
      else form.set('From', this.options.from);
      form.set('Body', message.body);
    } else {
      resource = 'Calls';
      form.set('From', this.options.from);
      form.set('Twiml', twiml(message.body, voiceLanguage(message.locale)));
    }
    const url = `${this.options.baseUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(this.options.accountSid)}/${resource}.json`;
    const auth = Buffer.from(`${this.options.accountSid}:${this.options.authToken}`).toString('base64');
    const result = await send(
      url,
      { method: 'POST', headers: { authorization: `Basic ${auth}`, 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() },
      this.options.timeoutMs,
    );
    if (result.ok) return { ok: true, providerMessageId: parseJson(result.body)?.sid as string | undefined };
    const twilioCode = Number(parseJson(result.body)?.code);
    return {
      ok: false,
      error: `twilio: ${result.error}${Number.isFinite(twilioCode) ? ` (code ${twilioCode})` : ''}`,
      retryable: !PERMANENT_ERRORS.has(twilioCode),
    };
  }
}

/** `<Response><Say>` with the text XML-escaped, said twice with a pause. */
export function twiml(text: string, language: string): string {
  const escaped = text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
  return `<Response><Say language="${language}">${escaped}</Say><Pause length="1"/><Say language="${language}">${escaped}</Say></Response>`;
}

function parseJson(text: string | undefined): Record<string, unknown> | undefined {
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
