import { ScorePolicy } from './policy';

/**
 * D, the number of distinct reporters whose contribution is still live, kept in O(1) per report.
 *
 * A contribution is *live* while its decayed value is at least `epsilon` (0.1 by default), i.e. until
 * `asOf + halfLife · log2(value / epsilon)`. That moment is rounded up to the end of a bucket: the horizon a
 * contribution can live (halfLife · log2(maxWeight / epsilon), ≈ 4.3 half-lives) is cut into `buckets − 1`
 * slices, and the number row keeps how many contributions expire in each future slice. A report moves its
 * reporter from one slice to another; slices that have ended drop out, so D = the sum of what is left. The row
 * therefore never holds more than `buckets` entries however many reporters a number has, and expiring
 * contributions need no scan. With the defaults a slice is ≈ 2 days: a contribution counts in D up to that much
 * longer than the exact crossing.
 */
export interface LiveCounter {
  /** Slice width in seconds; a change of half-life or epsilon changes it, and the counter must be rebuilt. */
  readonly width: number;
  /** Slice index (absolute: ⌈expiry / width⌉) → contributions expiring at its end. */
  readonly counts: Readonly<Record<string, number>>;
}

export function liveSliceWidth(policy: ScorePolicy): number {
  const horizon = policy.halfLifeSeconds * Math.log2(policy.maxWeight / policy.live.epsilon);
  return horizon / (policy.live.buckets - 1);
}

export function emptyLiveCounter(policy: ScorePolicy): LiveCounter {
  return { width: liveSliceWidth(policy), counts: {} };
}

/** The slice a contribution of `value` at `asOfSeconds` leaves D at the end of; null when it is not live at all. */
export function liveSlice(value: number, asOfSeconds: number, policy: ScorePolicy, width = liveSliceWidth(policy)): number | null {
  if (!(value >= policy.live.epsilon)) return null;
  const expiry = asOfSeconds + policy.halfLifeSeconds * Math.log2(value / policy.live.epsilon);
  return Math.ceil(expiry / width);
}

/** Is a contribution in that slice still counted at `nowSeconds`? */
export function isSliceLive(slice: number | null, nowSeconds: number, width: number): boolean {
  return slice !== null && slice > Math.floor(nowSeconds / width);
}

/** Drops the slices that have ended by `nowSeconds`. */
export function advanceLive(counter: LiveCounter, nowSeconds: number): LiveCounter {
  const current = Math.floor(nowSeconds / counter.width);
  const counts: Record<string, number> = {};
  for (const [slice, count] of Object.entries(counter.counts)) {
    if (Number(slice) > current && count > 0) counts[slice] = count;
  }
  return { width: counter.width, counts };
}

export function liveCount(counter: LiveCounter, nowSeconds: number): number {
  const current = Math.floor(nowSeconds / counter.width);
  let total = 0;
  for (const [slice, count] of Object.entries(counter.counts)) if (Number(slice) > current) total += count;
  return total;
}

/** Adds (+1) or removes (−1) one contribution in `slice`; a slice that has ended is not counted any more. */
export function moveLive(counter: LiveCounter, slice: number | null, delta: 1 | -1, nowSeconds: number): LiveCounter {
  if (!isSliceLive(slice, nowSeconds, counter.width)) return counter;
  const key = String(slice);
  const next = Math.max(0, (counter.counts[key] ?? 0) + delta);
  const counts = { ...counter.counts };
  if (next === 0) delete counts[key];
  else counts[key] = next;
  return { width: counter.width, counts };
}
