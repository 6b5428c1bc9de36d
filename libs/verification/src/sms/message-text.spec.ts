import { messageText, resolveLocale } from './message-text';

describe('message texts', () => {
  it.each([
    [undefined, 'en'],
    ['en', 'en'],
    ['en-GB', 'en'],
    ['zh-CN', 'zh-CN'],
    ['zh-cn', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh-TW', 'zh-TW'],
    ['zh-HK', 'zh-TW'],
    ['pt', 'pt-BR'],
    ['fr-CA', 'fr'],
    ['xx', 'en'],
  ])('resolves %s to %s', (requested, expected) => {
    expect(resolveLocale(requested)).toBe(expected);
  });

  it('puts the code and the validity in every SMS', () => {
    expect(messageText('sms', 'en', '123456', 10)).toBe(
      'Your PhoneTrust verification code is 123456. It expires in 10 minutes. Never share it with anyone.',
    );
    expect(messageText('sms', 'zh-CN', '123456', 10)).toBe('【PhoneTrust】您的验证码是123456，10分钟内有效。请勿将验证码告诉任何人。');
  });

  it('spells the code out digit by digit for a voice call', () => {
    expect(messageText('voice', 'en', '123456', 10)).toBe('Your verification code is 1, 2, 3, 4, 5, 6. Again: 1, 2, 3, 4, 5, 6.');
  });
});
