import { parseE164, parsePhone } from './parse-phone';
import { maskE164InText, maskPhone } from './mask-phone';
import { numberPrefix } from './number-prefix';
import { normalizeDigits } from './normalize-digits';

function e164(input: string, country?: string): string | undefined {
  const result = parsePhone(input, country);
  return result.ok ? result.number.e164 : undefined;
}

function reason(input: unknown, country?: string): string | undefined {
  const result = parsePhone(input, country);
  return result.ok ? undefined : result.reason;
}

describe('parsePhone accepts common formats', () => {
  it.each([
    ['+8613800138000', undefined, '+8613800138000'],
    ['+86 138 0013 8000', undefined, '+8613800138000'],
    ['+86-138-0013-8000', undefined, '+8613800138000'],
    ['+86 (138) 0013.8000', undefined, '+8613800138000'],
    ['13800138000', 'CN', '+8613800138000'],
    ['138 0013 8000', 'cn', '+8613800138000'],
    ['0086 138 0013 8000', 'CN', '+8613800138000'],
    ['+1 415 555 2671', undefined, '+14155552671'],
    ['(415) 555-2671', 'US', '+14155552671'],
    ['415.555.2671', 'US', '+14155552671'],
    ['1-415-555-2671', 'US', '+14155552671'],
    ['+44 20 7946 0958', undefined, '+442079460958'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['07400 123456', 'GB', '+447400123456'],
    ['+49 30 901820', undefined, '+4930901820'],
    ['+33 6 12 34 56 78', undefined, '+33612345678'],
    ['06 12 34 56 78', 'FR', '+33612345678'],
    ['+81 90-1234-5678', undefined, '+819012345678'],
    ['  +8613800138000  ', undefined, '+8613800138000'],
    ['+61 4 1234 5678', undefined, '+61412345678'],
  ])('%s (%s) → %s', (input, country, expected) => {
    expect(e164(input, country)).toBe(expected);
  });
});

describe('parsePhone normalises Unicode digits to the same E.164 as ASCII', () => {
  it.each([
    ['＋８６１３８００１３８０００', 'full-width digits and plus'],
    ['+٨٦١٣٨٠٠١٣٨٠٠٠', 'Arabic-Indic digits'],
    ['+۸۶۱۳۸۰۰۱۳۸۰۰۰', 'Extended Arabic-Indic digits'],
    ['+८६१३८००१३८०००', 'Devanagari digits'],
    ['﹢86 138 0013 8000', 'small plus sign'],
  ])('%s (%s)', (input) => {
    expect(e164(input)).toBe('+8613800138000');
  });

  it('maps mathematical digits by their run', () => {
    expect(normalizeDigits('𝟏𝟐𝟑')).toBe('123');
    expect(normalizeDigits('𝟙𝟘')).toBe('10');
  });
});

describe('parsePhone refuses what is not a plain phone number', () => {
  it.each([
    ['', 'NOT_A_NUMBER', undefined],
    ['   ', 'NOT_A_NUMBER', undefined],
    ['hello', 'NOT_A_NUMBER', undefined],
    ['call me at +8613800138000', 'NOT_A_NUMBER', undefined],
    ['1-800-FLOWERS', 'NOT_A_NUMBER', undefined],
    ['+1 415 555 2671 ext 12', 'NOT_A_NUMBER', undefined],
    ['+1 415 555 2671 x12', 'NOT_A_NUMBER', undefined],
    ['+1 415 555 2671;ext=12', 'NOT_A_NUMBER', undefined],
    ['+14155552671#12', 'NOT_A_NUMBER', undefined],
    ['*67 415 555 2671', 'NOT_A_NUMBER', undefined],
    ['tel:+14155552671', 'NOT_A_NUMBER', undefined],
    ['+86+13800138000', 'NOT_A_NUMBER', undefined],
    ['++8613800138000', 'NOT_A_NUMBER', undefined],
    ['---', 'NOT_A_NUMBER', undefined],
    ['+', 'NOT_A_NUMBER', undefined],
    ['١٢٣abc', 'NOT_A_NUMBER', undefined],
    ['+8613800138000\u0000', 'NOT_A_NUMBER', undefined],
    ["+86138'; DROP TABLE reports;--", 'NOT_A_NUMBER', undefined],
    ["' OR 1=1 --", 'NOT_A_NUMBER', undefined],
    ['<script>alert(1)</script>', 'NOT_A_NUMBER', undefined],
    ['+1 415', 'TOO_SHORT', undefined],
    ['+999 123456', 'INVALID_COUNTRY', undefined],
    ['4155552671', 'INVALID_COUNTRY', undefined],
    ['4155552671', 'INVALID_COUNTRY', 'XX'],
    ['4155552671', 'INVALID_COUNTRY', 'USA'],
    ['+86 138 0013 8000 1234 5678', 'TOO_LONG', undefined],
    ['1'.repeat(33), 'TOO_LONG', undefined],
    ['+1 555 555 5555 5', 'TOO_LONG', undefined],
    ['+1 099 555 0100', 'INVALID', undefined],
    ['+86 000 0000 0000', 'INVALID', undefined],
  ])('%j → %s', (input, expected, country) => {
    expect(reason(input, country)).toBe(expected);
  });

  it.each([null, undefined, 8613800138000, {}, [], true])('refuses a non-string %p', (input) => {
    expect(reason(input)).toBe('NOT_A_NUMBER');
  });
});

describe('number types', () => {
  it.each([
    ['+8613800138000', 'mobile'],
    ['+442079460958', 'fixed_line'],
    ['+14155552671', 'fixed_line_or_mobile'],
    ['+19005550100', 'premium_rate'],
    ['+33891700000', 'premium_rate'],
    ['+18005550100', 'toll_free'],
    ['+447012345678', 'personal_number'],
    ['+33810123456', 'shared_cost'],
    ['+491801234567', 'shared_cost'],
  ])('%s is %s', (input, type) => {
    const result = parsePhone(input);
    expect(result.ok && result.number.type).toBe(type);
  });
});

describe('parseE164 (path parameters)', () => {
  it('accepts E.164 with + and full-width digits', () => {
    expect(parseE164('+8613800138000')).toMatchObject({ ok: true, number: { e164: '+8613800138000' } });
    expect(parseE164('＋８６１３８００１３８０００')).toMatchObject({ ok: true });
  });

  it.each(['8613800138000', '13800138000', '+86 138 0013 8000', '+0123456789', '+1', 'undefined', 'null', '', '+861380013800099999'])(
    'refuses %j',
    (input) => {
      expect(parseE164(input).ok).toBe(false);
    },
  );
});

describe('maskPhone', () => {
  it.each([
    ['+8613800138000', '+86 138****8000'],
    ['+14155552671', '+1 415***2671'],
    ['+4930901820', '+49 30**1820'],
  ])('%s → %s', (input, masked) => {
    const result = parsePhone(input);
    if (!result.ok) throw new Error('fixture should parse');
    expect(maskPhone(result.number)).toBe(masked);
  });

  it('never shows a short national number whole', () => {
    expect(maskPhone({ callingCode: '999', nationalNumber: '123456' })).toBe('+999 **3456');
    expect(maskPhone({ callingCode: '999', nationalNumber: '1234' })).toBe('+999 **34');
  });

  it('masks numbers inside URLs and text', () => {
    expect(maskE164InText('/v1/numbers/+8613800138000/display')).toBe('/v1/numbers/+861******8000/display');
    expect(maskE164InText('/v1/numbers/%2B14155552671')).toBe('/v1/numbers/%2B141****2671');
    expect(maskE164InText('no number 12345')).toBe('no number 12345');
  });
});

describe('numberPrefix', () => {
  it('drops the last four digits', () => {
    expect(numberPrefix('+8613800138000')).toBe('+861380013');
    expect(numberPrefix('+14155552671')).toBe('+1415555');
  });
});
