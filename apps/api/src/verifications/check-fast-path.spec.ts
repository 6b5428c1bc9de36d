import { createValidationPipe } from '../http/validation.pipe';
import { plainCode } from './check-fast-path';
import { CheckCodeDto } from './verification.dto';

const pipe = createValidationPipe();
/** Whether the validation pipe, as every body meets it, accepts the body. */
const pipeAccepts = (body: unknown) => pipe.transform(body, { type: 'body', metatype: CheckCodeDto }).then(() => true, () => false);

const CODES: unknown[] = [
  '1234', '123456', '0000000000', '123', '12345678901', '', ' 123456', '123456 ', '12 3456', '12345a', '１２３４５６', '١٢٣٤٥٦',
  '123456\n', '+123456', '-12345', '1e5678', '0x1234', 123456, 1234.5, true, null, [], ['123456'], {}, { code: '123456' },
];

function corpus(): unknown[] {
  const bodies: unknown[] = [{}, [], 'a string', null, 42, Object.create(null), [{ code: '123456' }]];
  for (const code of CODES) {
    bodies.push({ code }, { code, extra: 1 }, { code, code2: code }, { extra: code });
    const nullProto = Object.create(null) as Record<string, unknown>;
    nullProto.code = code;
    bodies.push(nullProto);
  }
  return bodies;
}

describe('plainCode', () => {
  it('never accepts a body the validation pipe refuses, and accepts every plain one the pipe does', async () => {
    let accepted = 0;
    for (const body of corpus()) {
      const plain = plainCode(body) !== undefined;
      const valid = await pipeAccepts(body);
      if (plain && !valid) throw new Error(`plainCode accepted a body the pipe refuses: ${JSON.stringify(body)}`);
      if (plain) accepted++;
    }
    expect(accepted).toBe(3); // '1234', '123456', '0000000000' alone in a plain object
  });

  it('returns the body itself for the service', () => {
    const body = { code: '123456' };
    expect(plainCode(body)).toBe(body);
  });
});
