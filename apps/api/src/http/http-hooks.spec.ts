import { nestingDepth, parseJsonBody } from './http-hooks';

describe('parseJsonBody', () => {
  it('parses ordinary bodies as JSON.parse does', () => {
    const text = '{"phoneNumbers":["+8613800138000","+14155550123"],"nested":{"a":[1,2.5,null,true]},"s":"x\\"y\\n"}';
    expect(parseJsonBody(text)).toEqual(JSON.parse(text));
    expect(parseJsonBody('[]')).toEqual([]);
    expect(parseJsonBody('"text"')).toBe('text');
  });

  it.each([
    ['{"__proto__":{"admin":true}}', '__proto__'],
    ['{"a":{"constructor":{"prototype":{}}}}', 'prototype'], // the innermost key is met first
    ['{"prototype":1}', 'prototype'],
    // Spelled with escapes, so the text holds no forbidden word: the key still decodes to one.
    ['{"__proto\\u005f_":{"admin":true}}', '__proto__'],
    ['{"\\u0063onstructor":{}}', 'constructor'],
  ])('refuses %s', (text, key) => {
    expect(() => parseJsonBody(text)).toThrow(new SyntaxError(`request body may not contain the key "${key}"`));
  });

  it('keeps forbidden words allowed as values, and escapes that decode to ordinary keys', () => {
    expect(parseJsonBody('{"note":"__proto__ and constructor"}')).toEqual({ note: '__proto__ and constructor' });
    expect(parseJsonBody('{"n\\u006fte":"x"}')).toEqual({ note: 'x' });
  });

  it('refuses an empty body and malformed JSON', () => {
    expect(() => parseJsonBody('')).toThrow(SyntaxError);
    expect(() => parseJsonBody('{"a":')).toThrow(SyntaxError);
  });

  it('refuses a body nested more than 32 levels deep, and takes one of 32', () => {
    const nested = (levels: number) => `${'['.repeat(levels - 1)}{"a":1}${']'.repeat(levels - 1)}`;
    expect(parseJsonBody(nested(32))).toBeDefined();
    expect(() => parseJsonBody(nested(33))).toThrow(new SyntaxError('request body is nested more than 32 levels deep'));
    // The hostile-input battery's body: 20 000 levels once overflowed the stack downstream (a 500).
    expect(() => parseJsonBody(`{"a":${'['.repeat(20000)}${']'.repeat(20000)}}`)).toThrow(SyntaxError);
  });
});

describe('nestingDepth', () => {
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(nestingDepth('1')).toBe(0);
    expect(nestingDepth('{"a":[1,{"b":[]}]}')).toBe(4);
    expect(nestingDepth('{"a":"[[[{{{"}')).toBe(1);
    expect(nestingDepth('{"a":"quote \\" [[[ and backslash \\\\","b":[[]]}')).toBe(3);
  });
});
