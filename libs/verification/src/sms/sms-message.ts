import { Channel } from '../policy/number-policy';

/** What a provider is asked to deliver. The code is in here: providers must not log it. */
export interface SmsMessage {
  /** Stable across retries and providers: the outbox message id. */
  readonly messageId: string;
  readonly verificationId: string;
  readonly to: string;
  readonly channel: Channel;
  readonly locale: string;
  readonly code: string;
  /** The localised text (SMS) or script (voice). */
  readonly body: string;
  readonly ttlMinutes: number;
}

export interface SendResult {
  readonly ok: boolean;
  /** The provider's id for the message, when it gives one. */
  readonly providerMessageId?: string;
  readonly error?: string;
  /** False when retrying cannot help (the provider refused this number for good). */
  readonly retryable?: boolean;
}

/** One SMS / voice provider. Implementations bound every call in time and never throw. */
export interface SmsProvider {
  readonly name: string;
  supports(channel: Channel): boolean;
  send(message: SmsMessage): Promise<SendResult>;
}
