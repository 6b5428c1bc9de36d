import { getMetadataStorage } from 'class-validator';
import { createValidationPipe } from '../http/validation.pipe';
import { PLAIN_REPORT_FIELDS, plainReport } from './plain-report';
import { FileReportDto } from './report.dto';

const pipe = createValidationPipe();
/** Whether the validation pipe, as every body meets it, accepts the body. */
const pipeAccepts = (body: unknown) => pipe.transform(body, { type: 'body', metatype: FileReportDto }).then(() => true, () => false);

const past = new Date(Date.now() - 3600_000).toISOString();
const future = new Date(Date.now() + 86_400_000).toISOString();
const strings = (max: number) => ['', 'a', 'x'.repeat(max), 'x'.repeat(max + 1), 'é', '😀', '\uFE0F', 'a\uFE0F', '\uD800', 'a\nb', 'a\tb', '\u0000', '\u007f', ' '];
const others = [null, 0, 1, true, [], {}, ['a']];

/** Candidate values per field: valid ones, boundaries and every kind of wrong one. */
const CANDIDATES: Record<string, unknown[]> = {
  phoneNumber: ['+8613800138000', '138 0013 8000', ...strings(32), ...others],
  country: ['CN', 'us', 'C', 'CHN', 'C1', ...strings(2), ...others],
  reporterId: ['consumer-1', ...strings(128), ...others],
  category: ['spam', 'threat', 'other', 'SPAM', 'fraud', ...others],
  description: ['he called 12 times', ...strings(2000), ...others],
  channel: ['call', 'sms', 'chat', 'other', 'email', ...others],
  occurredAt: [past, future, '2026-01-01', '2026-01-01T10:00:00', '2026-01-01T10:00:00+01:00', '1969-12-31T23:59:59Z', 'not a date', ...others],
  evidence: [
    { interactionId: 'call-1', attested: true },
    { interactionId: 'call-1', attested: 'yes' },
    { interactionId: '', attested: false },
    { interactionId: 'x'.repeat(129), attested: false },
    { interactionId: 'a\u0001', attested: false },
    { interactionId: '\uFE0F', attested: false },
    { interactionId: 'call-1' },
    { attested: true, other: 1 },
    { interactionId: 'call-1', attested: true, extra: 1 },
    ...others,
  ],
  reporterContext: [
    { accountAgeDays: 365, verifiedBuyer: true },
    { accountAgeDays: 0, verifiedBuyer: false },
    { accountAgeDays: 36500, verifiedBuyer: false },
    { accountAgeDays: 36501, verifiedBuyer: false },
    { accountAgeDays: -1, verifiedBuyer: false },
    { accountAgeDays: 1.5, verifiedBuyer: false },
    { accountAgeDays: '365', verifiedBuyer: true },
    { accountAgeDays: 365, verifiedBuyer: 'true' },
    { accountAgeDays: 365 },
    { accountAgeDays: 365, verifiedBuyer: true, extra: 1 },
    ...others,
  ],
  clientIp: ['203.0.113.7', '2001:db8::1', '::ffff:203.0.113.7', '999.1.1.1', '203.0.113', 'fe80::1%eth0', ...strings(45), ...others],
  extra: [1, 'x', null],
};
const BASE = { phoneNumber: '+8613800138000', reporterId: 'consumer-1', category: 'spam' };
const FULL = {
  ...BASE,
  country: 'CN',
  description: 'he called 12 times',
  channel: 'call',
  occurredAt: past,
  evidence: { interactionId: 'call-1', attested: true },
  reporterContext: { accountAgeDays: 365, verifiedBuyer: true },
  clientIp: '203.0.113.7',
};

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

function corpus(): unknown[] {
  const bodies: unknown[] = [BASE, FULL, [], 'a string', null, 42, Object.create(null)];
  for (const base of [BASE, FULL]) {
    for (const [field, values] of Object.entries(CANDIDATES)) {
      for (const value of values) bodies.push({ ...base, [field]: value });
      const without: Record<string, unknown> = { ...base };
      delete without[field];
      bodies.push(without);
    }
  }
  // Several fields changed at once.
  const next = random(7);
  const fields = Object.keys(CANDIDATES);
  for (let i = 0; i < 3000; i++) {
    const body: Record<string, unknown> = { ...(next() < 0.5 ? BASE : FULL) };
    for (let changes = 1 + Math.floor(next() * 3); changes > 0; changes--) {
      const field = fields[Math.floor(next() * fields.length)];
      const values = CANDIDATES[field];
      if (next() < 0.1) delete body[field];
      else body[field] = values[Math.floor(next() * values.length)];
    }
    bodies.push(body);
  }
  return bodies;
}

describe('plainReport', () => {
  it('never accepts a body the validation pipe refuses', async () => {
    let accepted = 0;
    let refusedByBoth = 0;
    for (const body of corpus()) {
      const plain = plainReport(body) !== undefined;
      const valid = await pipeAccepts(body);
      if (plain && !valid) throw new Error(`plainReport accepted a body the pipe refuses: ${JSON.stringify(body)}`);
      if (plain) accepted++;
      if (!valid) refusedByBoth++;
    }
    // The comparison means something only if both kinds of body were met in numbers.
    expect(accepted).toBeGreaterThan(300);
    expect(refusedByBoth).toBeGreaterThan(1000);
  });

  it('knows exactly the DTO\'s fields, so a field added to the DTO is not silently left to the pipe or let through', () => {
    const validated = getMetadataStorage().getTargetValidationMetadatas(FileReportDto, '', true, false).map((m) => m.propertyName);
    expect([...PLAIN_REPORT_FIELDS].sort()).toEqual([...new Set(validated)].sort());
  });

  it('takes the usual bodies, returning them as they are', () => {
    expect(plainReport(BASE)).toBe(BASE);
    expect(plainReport(FULL)).toBe(FULL);
  });

  it('leaves to the pipe what it does not check itself: nulls, non-ASCII text, unknown fields', () => {
    expect(plainReport({ ...BASE, description: null })).toBeUndefined();
    expect(plainReport({ ...BASE, description: 'il a appelé' })).toBeUndefined();
    expect(plainReport({ ...BASE, description: 'line one\nline two' })).toBeUndefined();
    expect(plainReport({ ...BASE, extra: 1 })).toBeUndefined();
    expect(plainReport({ ...FULL, evidence: { ...FULL.evidence, extra: 1 } })).toBeUndefined();
  });
});
