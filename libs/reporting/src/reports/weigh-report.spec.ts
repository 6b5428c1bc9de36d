import { assuranceOf, DEFAULT_SCORE_POLICY, reportWeight, trustOf } from '@phonetrust/scoring';
import { weighReport } from './weigh-report';

describe('weighReport', () => {
  const policy = DEFAULT_SCORE_POLICY;

  it('maps a report without optional fields to nulls and the weight of an unattested report', () => {
    const row = weighReport('+8613800138000', 'h', { category: 'spam' }, { upheld: 0, rejected: 0 }, policy);
    const assurance = assuranceOf(undefined, policy);
    const trust = trustOf(assurance, 0, 0, policy);
    expect(row).toEqual({
      phoneNumber: '+8613800138000',
      reporterHash: 'h',
      category: 'spam',
      description: null,
      channel: null,
      occurredAt: null,
      interactionId: null,
      attested: false,
      accountAgeDays: null,
      verifiedBuyer: null,
      assurance,
      trust,
      weight: reportWeight({ trust, category: 'spam', attested: false }, policy),
    });
  });

  it("weighs by the reporter's context, verdicts and evidence", () => {
    const facts = {
      category: 'threat' as const,
      evidence: { interactionId: 'call-1', attested: true },
      reporterContext: { accountAgeDays: 400, verifiedBuyer: true },
    };
    const trusted = weighReport('+8613800138000', 'h', facts, { upheld: 5, rejected: 0 }, policy);
    const doubted = weighReport('+8613800138000', 'h', facts, { upheld: 0, rejected: 5 }, policy);
    expect(trusted).toMatchObject({ attested: true, interactionId: 'call-1', accountAgeDays: 400, verifiedBuyer: true });
    expect(trusted.weight).toBeGreaterThan(doubted.weight);
  });
});
