import { numberPolicyRefusal } from './number-policy';

describe('numberPolicyRefusal', () => {
  const mobile = { type: 'mobile' as const, country: 'CN' };

  it('allows mobiles by SMS and voice, everywhere when no list is set', () => {
    expect(numberPolicyRefusal(mobile, 'sms', [])).toBeNull();
    expect(numberPolicyRefusal(mobile, 'voice', [])).toBeNull();
    expect(numberPolicyRefusal({ type: 'fixed_line_or_mobile', country: 'US' }, 'sms', [])).toBeNull();
  });

  it.each(['premium_rate', 'shared_cost', 'uan', 'pager', 'voicemail'] as const)('refuses %s on every channel', (type) => {
    for (const channel of ['sms', 'voice'] as const) {
      expect(numberPolicyRefusal({ type, country: 'GB' }, channel, [])).toEqual({ code: 'unsupported_number_type', numberType: type });
    }
  });

  it('sends fixed lines to voice', () => {
    expect(numberPolicyRefusal({ type: 'fixed_line', country: 'GB' }, 'sms', [])).toEqual({
      code: 'unsupported_number_type',
      numberType: 'fixed_line',
      suggestedChannel: 'voice',
    });
    expect(numberPolicyRefusal({ type: 'fixed_line', country: 'GB' }, 'voice', [])).toBeNull();
  });

  it('applies ALLOWED_COUNTRIES, refusing non-geographic numbers when a list is set', () => {
    expect(numberPolicyRefusal(mobile, 'sms', ['CN', 'HK'])).toBeNull();
    expect(numberPolicyRefusal({ type: 'mobile', country: 'US' }, 'sms', ['CN'])).toEqual({ code: 'country_not_allowed', country: 'US' });
    expect(numberPolicyRefusal({ type: 'mobile', country: null }, 'sms', ['CN'])).toEqual({ code: 'country_not_allowed', country: null });
  });
});
