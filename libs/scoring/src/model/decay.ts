/** value × 2^(−elapsed / halfLife); time never runs backwards (a negative elapsed counts as zero). */
export function decay(value: number, elapsedSeconds: number, halfLifeSeconds: number): number {
  if (value === 0) return 0;
  return value * Math.pow(2, -Math.max(0, elapsedSeconds) / halfLifeSeconds);
}

/** Seconds until `value` has decayed to `target` (0 when it is there already; Infinity for a target ≤ 0). */
export function secondsUntilDecayedTo(value: number, target: number, halfLifeSeconds: number): number {
  if (value <= target) return 0;
  if (target <= 0) return Infinity;
  return halfLifeSeconds * Math.log2(value / target);
}
