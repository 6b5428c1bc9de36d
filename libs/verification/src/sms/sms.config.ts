import { defineConfig } from '@phonetrust/platform';

export const SMS_PROVIDER_NAMES = ['console', 'webhook', 'twilio', 'aliyun'] as const;
export type SmsProviderName = (typeof SMS_PROVIDER_NAMES)[number];

export const smsConfig = defineConfig('sms', (env) => {
  const production = env.string('NODE_ENV', 'development') === 'production';
  const providers = env.list<SmsProviderName>('SMS_PROVIDER', ['console'], SMS_PROVIDER_NAMES);
  if (providers.length === 0) env.problem('SMS_PROVIDER', 'must name at least one provider');
  if (production && providers.includes('console')) env.problem('SMS_PROVIDER', 'must not include console when NODE_ENV=production (it prints codes)');
  const required = (provider: SmsProviderName, name: string): string => {
    const value = env.optionalString(name);
    if (providers.includes(provider) && value === undefined) env.problem(name, `is required when SMS_PROVIDER includes ${provider}`);
    return value ?? '';
  };

  const webhookUrl = providers.includes('webhook') ? env.url('SMS_WEBHOOK_URL', ['http:', 'https:']) : undefined;
  if (providers.includes('webhook') && !webhookUrl) required('webhook', 'SMS_WEBHOOK_URL');
  const twilioFrom = env.optionalString('TWILIO_FROM');
  const twilioService = env.optionalString('TWILIO_MESSAGING_SERVICE_SID');
  if (providers.includes('twilio') && !twilioFrom && !twilioService) env.problem('TWILIO_FROM', 'or TWILIO_MESSAGING_SERVICE_SID is required when SMS_PROVIDER includes twilio');

  return {
    /** The failover order: a message goes to the first, then to the next when the first keeps failing. */
    providers,
    sendTimeoutMs: env.int('SMS_SEND_TIMEOUT_MS', 5000, { min: 100, max: 60000 }),
    triesPerProvider: env.int('SMS_TRIES_PER_PROVIDER', 3, { min: 1, max: 20 }),
    retryBaseMs: env.int('SMS_RETRY_BASE_MS', 1000, { min: 1, max: 600000 }),
    webhook: { url: webhookUrl ?? '', secret: required('webhook', 'SMS_WEBHOOK_SECRET') },
    twilio: {
      accountSid: required('twilio', 'TWILIO_ACCOUNT_SID'),
      authToken: required('twilio', 'TWILIO_AUTH_TOKEN'),
      from: twilioFrom ?? '',
      messagingServiceSid: twilioService ?? '',
      baseUrl: env.url('TWILIO_API_BASE_URL', ['http:', 'https:']) ?? 'https://api.twilio.com',
    },
    aliyun: {
      accessKeyId: required('aliyun', 'ALIYUN_ACCESS_KEY_ID'),
      accessKeySecret: required('aliyun', 'ALIYUN_ACCESS_KEY_SECRET'),
      signName: required('aliyun', 'ALIYUN_SMS_SIGN_NAME'),
      templateCode: required('aliyun', 'ALIYUN_SMS_TEMPLATE_CODE'),
      endpoint: env.url('ALIYUN_SMS_ENDPOINT', ['http:', 'https:']) ?? 'https://dysmsapi.aliyuncs.com',
      regionId: env.string('ALIYUN_REGION_ID', 'cn-hangzhou'),
    },
  };
});

export type SmsConfig = ReturnType<typeof smsConfig.parse>;
