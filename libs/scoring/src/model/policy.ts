/** What a report says happened (SPEC §5). */
export const REPORT_CATEGORIES = ['harassment', 'spam', 'scam', 'threat', 'impersonation', 'other'] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

/**
 * Every number of SPEC §6 in one place. The pure functions take it as an argument, so tests (and a later
 * replay tool) can score the same reports under other settings.
 */
export interface ScorePolicy {
  /** Evidence halves every this many seconds (SCORE_HALF_LIFE_SECONDS). */
  readonly halfLifeSeconds: number;
  readonly severity: Readonly<Record<ReportCategory, number>>;
  /** Multiplies the weight when the platform attests the contact happened. */
  readonly attestedFactor: number;
  /** No single report weighs more than this. */
  readonly maxWeight: number;
  readonly trust: { readonly min: number; readonly max: number };
  readonly assurance: {
    readonly verifiedBuyer: number;
    readonly established: number;
    readonly fresh: number;
    readonly verifiedBuyerMinDays: number;
    readonly establishedMinDays: number;
  };
  /** Reporters with the lowest assurance together add at most this much to E. */
  readonly lowAssuranceCap: number;
  /** HS = round(100 · (1 − 2^(−E / scale))). */
  readonly scoreScale: number;
  readonly thresholds: {
    readonly watch: { readonly enter: number; readonly leaveBelow: number };
    readonly review: { readonly enter: number; readonly reporters: number };
    readonly restricted: { readonly enter: number; readonly reporters: number; readonly leaveBelow: number };
    readonly suspended: { readonly enter: number; readonly reporters: number };
  };
  readonly burst: {
    /** A burst is at least this many counted reports within the window… */
    readonly reports: number;
    /** …of which at least this share came from reporters whose trust was below `lowTrustBelow`. */
    readonly lowTrustShare: number;
    readonly lowTrustBelow: number;
    readonly windowSeconds: number;
    readonly bucketSeconds: number;
  };
  readonly live: {
    /** A contribution is live while its decayed value is at least this (see live-reporters.ts). */
    readonly epsilon: number;
    /** Resolution of the live-reporter counter: the lifetime horizon is cut into this many buckets. */
    readonly buckets: number;
  };
}

export const DEFAULT_SCORE_POLICY: ScorePolicy = {
  halfLifeSeconds: 2592000,
  severity: { spam: 1.0, other: 0.5, harassment: 1.5, impersonation: 1.5, scam: 2.0, threat: 2.5 },
  attestedFactor: 1.5,
  maxWeight: 2.0,
  trust: { min: 0.05, max: 1.5 },
  assurance: { verifiedBuyer: 1.0, established: 0.7, fresh: 0.3, verifiedBuyerMinDays: 90, establishedMinDays: 7 },
  lowAssuranceCap: 3.0,
  scoreScale: 3,
  thresholds: {
    watch: { enter: 25, leaveBelow: 20 },
    review: { enter: 50, reporters: 2 },
    restricted: { enter: 70, reporters: 4, leaveBelow: 40 },
    suspended: { enter: 85, reporters: 6 },
  },
  burst: { reports: 10, lowTrustShare: 0.5, lowTrustBelow: 0.5, windowSeconds: 3600, bucketSeconds: 60 },
  live: { epsilon: 0.1, buckets: 64 },
};

/** The default policy with another half-life (the one setting the environment changes). */
export function scorePolicy(overrides: Partial<Pick<ScorePolicy, 'halfLifeSeconds'>> = {}): ScorePolicy {
  return { ...DEFAULT_SCORE_POLICY, ...overrides };
}
