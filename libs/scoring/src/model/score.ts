import { ScorePolicy } from './policy';

/** The two pools of evidence mass on a number, decayed to the same moment. */
export interface EvidenceMass {
  /** Contributions of reporters above the lowest assurance. */
  readonly normal: number;
  /** Contributions of lowest-assurance reporters, before the cap. */
  readonly low: number;
}

/** E = normal + min(low, cap): a crowd of fresh accounts adds at most the cap. */
export function evidenceOf(mass: EvidenceMass, policy: ScorePolicy): number {
  return mass.normal + Math.min(mass.low, policy.lowAssuranceCap);
}

/** HS = round(100 · (1 − 2^(−E/3))), 0–100. */
export function harassmentScore(evidence: number, policy: ScorePolicy): number {
  if (!(evidence > 0)) return 0;
  return Math.round(100 * (1 - Math.pow(2, -evidence / policy.scoreScale)));
}

/**
 * The evidence below which the score is below `score`: HS < s ⟺ 100(1 − 2^(−E/3)) < s − ½ (Math.round rounds
 * halves up) ⟺ E < −3·log2(1 − (s − ½)/100). Infinity when no evidence reaches the score (s > 100).
 */
export function evidenceBelowScore(score: number, policy: ScorePolicy): number {
  if (score <= 0) return 0;
  const fraction = (score - 0.5) / 100;
  if (fraction >= 1) return Infinity;
  return -policy.scoreScale * Math.log2(1 - fraction);
}

/**
 * Seconds until the score falls below `score` with no new reports: 0 if it is below already, null if it never
 * will (s ≤ 0). Closed form over E(k) = k·normal + min(k·low, cap), k = 2^(−t/halfLife): E(k) is increasing in
 * k, so solve E(k) = target on the branch where the cap binds or the one where it does not.
 */
export function secondsUntilScoreBelow(mass: EvidenceMass, score: number, policy: ScorePolicy): number | null {
  if (score <= 0) return null;
  const target = evidenceBelowScore(score, policy);
  if (evidenceOf(mass, policy) < target) return 0;
  const cap = policy.lowAssuranceCap;
  let k: number;
  const uncapped = target / (mass.normal + mass.low);
  if (uncapped * mass.low <= cap) {
    k = uncapped;
  } else {
    // The cap still binds at the crossing: k·normal + cap = target (normal > 0 here, else E ≤ cap < target).
    k = (target - cap) / mass.normal;
  }
  if (!(k > 0)) return null;
  return Math.max(0, -policy.halfLifeSeconds * Math.log2(k));
}
