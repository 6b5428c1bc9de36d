import { ScorePolicy } from './policy';

/**
 * Counted reports on a number per minute over the last hour, split by the reporter's trust, so the burst guard
 * ("≥ 10 reports in the last hour, half or more from reporters with trust < 0.5") needs no scan. The window is
 * the current minute and the 59 before it; at most 60 entries are kept.
 */
export interface BurstWindow {
  /** Bucket index (⌊seconds / bucketSeconds⌋) → [reports, low-trust reports]. */
  readonly buckets: Readonly<Record<string, readonly [number, number]>>;
}

function bucketOf(nowSeconds: number, policy: ScorePolicy): number {
  return Math.floor(nowSeconds / policy.burst.bucketSeconds);
}

function firstBucketInWindow(nowSeconds: number, policy: ScorePolicy): number {
  return bucketOf(nowSeconds, policy) - Math.ceil(policy.burst.windowSeconds / policy.burst.bucketSeconds) + 1;
}

export const EMPTY_BURST_WINDOW: BurstWindow = { buckets: {} };

/** Forgets the buckets that left the window. */
export function pruneBurst(window: BurstWindow, nowSeconds: number, policy: ScorePolicy): BurstWindow {
  const first = firstBucketInWindow(nowSeconds, policy);
  const buckets: Record<string, readonly [number, number]> = {};
  for (const [key, counts] of Object.entries(window.buckets)) if (Number(key) >= first) buckets[key] = counts;
  return { buckets };
}

export function recordBurst(window: BurstWindow, nowSeconds: number, lowTrust: boolean, policy: ScorePolicy): BurstWindow {
  const pruned = pruneBurst(window, nowSeconds, policy);
  const key = String(bucketOf(nowSeconds, policy));
  const [reports, low] = pruned.buckets[key] ?? [0, 0];
  return { buckets: { ...pruned.buckets, [key]: [reports + 1, low + (lowTrust ? 1 : 0)] } };
}

export function burstTotals(window: BurstWindow, nowSeconds: number, policy: ScorePolicy): { reports: number; lowTrust: number } {
  const first = firstBucketInWindow(nowSeconds, policy);
  let reports = 0;
  let lowTrust = 0;
  for (const [key, [r, l]] of Object.entries(window.buckets)) {
    if (Number(key) < first) continue;
    reports += r;
    lowTrust += l;
  }
  return { reports, lowTrust };
}

export function isBurst(window: BurstWindow, nowSeconds: number, policy: ScorePolicy): boolean {
  const { reports, lowTrust } = burstTotals(window, nowSeconds, policy);
  return reports >= policy.burst.reports && lowTrust >= policy.burst.lowTrustShare * reports;
}

/** When the oldest bucket now in the window leaves it: the next moment the burst may be over. */
export function burstRecheckAt(window: BurstWindow, nowSeconds: number, policy: ScorePolicy): number | null {
  const first = firstBucketInWindow(nowSeconds, policy);
  const keys = Object.keys(window.buckets).map(Number).filter((key) => key >= first);
  if (keys.length === 0) return null;
  const oldest = Math.min(...keys);
  return (oldest + Math.ceil(policy.burst.windowSeconds / policy.burst.bucketSeconds)) * policy.burst.bucketSeconds;
}
