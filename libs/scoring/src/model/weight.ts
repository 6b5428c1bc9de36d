import { ReportCategory, ScorePolicy } from './policy';

/** What the platform tells us about the consumer behind a report (SPEC §5 `reporterContext`). */
export interface ReporterContext {
  readonly accountAgeDays: number;
  readonly verifiedBuyer: boolean;
}

/** How much we believe the account is a real, established consumer: 1.0, 0.7 or 0.3 by default. */
export function assuranceOf(context: ReporterContext | null | undefined, policy: ScorePolicy): number {
  const a = policy.assurance;
  if (!context) return a.established;
  if (context.verifiedBuyer && context.accountAgeDays >= a.verifiedBuyerMinDays) return a.verifiedBuyer;
  if (context.accountAgeDays >= a.establishedMinDays) return a.established;
  return a.fresh;
}

/** The lowest assurance class: these reporters together add at most `lowAssuranceCap` to E. */
export function isLowAssurance(assurance: number, policy: ScorePolicy): boolean {
  return assurance <= policy.assurance.fresh;
}

/** trust = assurance × 2(up + 2)/(up + rejected + 4), clamped: upheld verdicts raise it, rejected ones lower it. */
export function trustOf(assurance: number, upheld: number, rejected: number, policy: ScorePolicy): number {
  const raw = (assurance * 2 * (upheld + 2)) / (upheld + rejected + 4);
  return Math.min(policy.trust.max, Math.max(policy.trust.min, raw));
}

export interface WeightInput {
  readonly trust: number;
  readonly category: ReportCategory;
  readonly attested: boolean;
}

/** w = min(2.0, trust × severity × evidence). */
export function reportWeight(input: WeightInput, policy: ScorePolicy): number {
  const evidence = input.attested ? policy.attestedFactor : 1;
  return Math.min(policy.maxWeight, input.trust * policy.severity[input.category] * evidence);
}

/** Reports from reporters below this trust make a burst (SPEC §6). */
export function isLowTrust(trust: number, policy: ScorePolicy): boolean {
  return trust < policy.burst.lowTrustBelow;
}
