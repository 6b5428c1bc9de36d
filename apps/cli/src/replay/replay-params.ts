import { REPORT_CATEGORIES, ScorePolicy } from '@phonetrust/scoring';

export class ParamsError extends Error {}

/** Seconds from "604800", "7d", "12h", "30m" or "45s". */
export function parseDuration(text: string, name: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([dhms]?)$/.exec(text.trim());
  if (!m) throw new ParamsError(`${name} must be a duration such as 604800, 7d or 12h, got "${text}"`);
  const seconds = Number(m[1]) * { d: 86400, h: 3600, m: 60, s: 1, '': 1 }[m[2] as 'd' | 'h' | 'm' | 's' | ''];
  if (!(seconds >= 1)) throw new ParamsError(`${name} must be at least one second`);
  return seconds;
}

/** The flags of `reports:replay` that change the policy. */
export interface PolicyFlags {
  halfLife?: string;
  watch?: number;
  watchLeave?: number;
  review?: number;
  reviewReporters?: number;
  restricted?: number;
  restrictedReporters?: number;
  restrictedLeave?: number;
  suspended?: number;
  suspendedReporters?: number;
  /** "category=severity", repeatable. */
  weight?: string[];
  attestedFactor?: number;
  lowAssuranceCap?: number;
}

type Json = Record<string, unknown>;

/**
 * The policy to replay: the current one, with a JSON file's values (any part of ScorePolicy, plus `halfLife` as a
 * duration) merged in, then the flags — flags win. Unknown keys and non-numbers are refused by their path.
 */
export function candidatePolicy(current: ScorePolicy, file: unknown, flags: PolicyFlags): ScorePolicy {
  let policy = current as unknown as Json;
  if (file !== undefined) {
    if (!isObject(file)) throw new ParamsError('the parameters file must hold a JSON object');
    const { halfLife, ...rest } = file;
    policy = merge(policy, rest, '');
    if (halfLife !== undefined) {
      if (typeof halfLife !== 'string' && typeof halfLife !== 'number') throw new ParamsError('halfLife must be a duration such as "7d"');
      policy = { ...policy, halfLifeSeconds: parseDuration(String(halfLife), 'halfLife') };
    }
  }
  const p = policy as unknown as ScorePolicy;
  const t = p.thresholds;
  const severity = { ...p.severity };
  for (const pair of flags.weight ?? []) {
    const m = /^([a-z]+)=(\d+(?:\.\d+)?)$/.exec(pair.trim());
    if (!m || !(REPORT_CATEGORIES as readonly string[]).includes(m[1])) {
      throw new ParamsError(`--weight takes category=severity with a category of ${REPORT_CATEGORIES.join(', ')}, got "${pair}"`);
    }
    severity[m[1] as keyof typeof severity] = Number(m[2]);
  }
  const result: ScorePolicy = {
    ...p,
    halfLifeSeconds: flags.halfLife !== undefined ? parseDuration(flags.halfLife, '--half-life') : p.halfLifeSeconds,
    severity,
    attestedFactor: flags.attestedFactor ?? p.attestedFactor,
    lowAssuranceCap: flags.lowAssuranceCap ?? p.lowAssuranceCap,
    thresholds: {
      watch: { enter: flags.watch ?? t.watch.enter, leaveBelow: flags.watchLeave ?? t.watch.leaveBelow },
      review: { enter: flags.review ?? t.review.enter, reporters: flags.reviewReporters ?? t.review.reporters },
      restricted: {
        enter: flags.restricted ?? t.restricted.enter,
        reporters: flags.restrictedReporters ?? t.restricted.reporters,
        leaveBelow: flags.restrictedLeave ?? t.restricted.leaveBelow,
      },
      suspended: { enter: flags.suspended ?? t.suspended.enter, reporters: flags.suspendedReporters ?? t.suspended.reporters },
    },
  };
  if (!(result.halfLifeSeconds >= 1)) throw new ParamsError('halfLifeSeconds must be at least 1');
  // A state left above the score that enters it would flap on every evaluation: the hysteresis must point down.
  const th = result.thresholds;
  if (th.watch.leaveBelow > th.watch.enter) throw new ParamsError(`watch would leave below ${th.watch.leaveBelow}, above its entry at ${th.watch.enter}: lower --watch-leave too`);
  if (th.restricted.leaveBelow > th.restricted.enter) {
    throw new ParamsError(`restricted would leave below ${th.restricted.leaveBelow}, above its entry at ${th.restricted.enter}: lower --restricted-leave too`);
  }
  return result;
}

/** The settings that differ between two policies, as "path: a → b" lines. */
export function policyDifferences(a: ScorePolicy, b: ScorePolicy): string[] {
  const out: string[] = [];
  const walk = (x: unknown, y: unknown, path: string) => {
    if (isObject(x) && isObject(y)) {
      for (const key of Object.keys(x)) walk(x[key], y[key], path ? `${path}.${key}` : key);
    } else if (x !== y) out.push(`${path}: ${x} → ${y}`);
  };
  walk(a, b, '');
  return out;
}

function merge(base: Json, patch: Json, path: string): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const at = path ? `${path}.${key}` : key;
    if (!(key in base)) throw new ParamsError(`unknown parameter ${at}`);
    if (isObject(base[key])) {
      if (!isObject(value)) throw new ParamsError(`${at} must be an object`);
      out[key] = merge(base[key] as Json, value, at);
    } else {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new ParamsError(`${at} must be a number ≥ 0`);
      out[key] = value;
    }
  }
  return out;
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
