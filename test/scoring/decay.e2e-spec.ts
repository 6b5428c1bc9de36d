import { NumberStateReader } from '@phonetrust/scoring';
import { HttpClient } from '../support/http-client';
import { newPhoneNumber, trustedAttestedScam } from '../support/report-factory';
import { ScoringProbe } from '../support/scoring-probe';
import { startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * A restricted number leaves restricted (for review, its case still open) once its score decays below 40 —
 * with no new report. Half-life 3 s: five trusted reporters (E ≈ 10, D = 5) restrict a number, and E falls
 * below 2.2 (HS < 40) about 6–7 s later.
 */
const FAST_DECAY = { SCORE_HALF_LIFE_SECONDS: '3' };

async function restrictedNumber(platform: HttpClient, analyst: HttpClient): Promise<string> {
  const phone = newPhoneNumber();
  for (let i = 0; i < 5; i++) expect((await platform.post('/v1/reports', trustedAttestedScam(phone))).status).toBe(201);
  expect((await analyst.get(`/v1/numbers/${phone}`)).body.state).toBe('restricted');
  return phone;
}

describe('decay without new reports', () => {
  describe('the scheduler', () => {
    let t: TestApp;
    let platform: HttpClient;
    let analyst: HttpClient;
    let probe: ScoringProbe;

    beforeAll(async () => {
      t = await startTestApp({ ...FAST_DECAY, SCORE_SCHEDULER_INTERVAL_MS: '100' });
      platform = await t.clientFor('platform');
      analyst = await t.clientFor('analyst');
      probe = new ScoringProbe(t.dataSource);
    });
    afterAll(() => t.dispose());

    it('writes restricted → review once, when the score falls below 40', async () => {
      const phone = await restrictedNumber(platform, analyst);
      const explained = await analyst.get(`/v1/numbers/${phone}/score`);
      expect(explained.body.nextStateChange).toEqual({ to: 'review', at: expect.any(String) });

      await waitFor(async () => (await probe.storedState(phone)) === 'review', 30000, 'the scheduler to write the decay exit');
      const number = await analyst.get(`/v1/numbers/${phone}`);
      expect(number.body.state).toBe('review');
      expect(number.body.score).toBeLessThan(40);
      const transitions = await probe.transitions(phone);
      expect(transitions.slice(-1)).toEqual([{ actor: 'system', from: 'restricted', to: 'review', reason: 'score_fell', cause: 'score_fell' }]);
      expect(transitions.filter((x) => x.from === 'restricted')).toHaveLength(1);
      const events = await probe.events(phone);
      expect(events.at(-1)!.payload.data).toMatchObject({ from: 'restricted', to: 'review', reason: 'score_fell' });
      // the case stays open for an analyst; review does not decay further
      expect((await probe.cases(phone))[0].status).toBe('open');
      const [{ next }] = await t.dataSource.query('SELECT next_evaluation_at AS next FROM numbers WHERE phone_number = $1', [phone]);
      expect(next).toBeNull();
    });
  });

  describe('readers, before any scheduler ran', () => {
    let t: TestApp;
    let platform: HttpClient;
    let analyst: HttpClient;
    let probe: ScoringProbe;

    beforeAll(async () => {
      t = await startTestApp({ ...FAST_DECAY, SCORE_SCHEDULER_ENABLED: 'false' });
      platform = await t.clientFor('platform');
      analyst = await t.clientFor('analyst');
      probe = new ScoringProbe(t.dataSource);
    });
    afterAll(() => t.dispose());

    it('never read a restricted number whose score fell below 40 as restricted, and the next write records the exit once', async () => {
      const phone = await restrictedNumber(platform, analyst);
      const reader = new NumberStateReader(); // what verification and the display check use
      await waitFor(async () => (await reader.stateOf(t.dataSource.manager, phone)) !== 'restricted', 30000, 'the decay exit');
      expect(await reader.stateOf(t.dataSource.manager, phone)).toBe('review');
      expect((await reader.statesOf(t.dataSource.manager, [phone])).get(phone)).toBe('review');
      expect((await analyst.get(`/v1/numbers/${phone}`)).body.state).toBe('review');
      // nothing has written it yet: the row still says restricted
      expect(await probe.storedState(phone)).toBe('restricted');
      expect((await probe.transitions(phone)).filter((x) => x.from === 'restricted')).toHaveLength(0);

      // the next report on the number records the exit (at the moment it happened), then counts
      expect((await platform.post('/v1/reports', trustedAttestedScam(phone))).status).toBe(201);
      expect(await probe.storedState(phone)).toBe('review');
      const exits = (await probe.transitions(phone)).filter((x) => x.from === 'restricted');
      expect(exits).toEqual([{ actor: 'system', from: 'restricted', to: 'review', reason: 'score_fell', cause: 'score_fell' }]);
    });
  });
});
