/** One limit to charge: `points` per `durationSeconds` for `key` within `scope`. */
export interface LimitRule {
  /** Named in the 429 body (`number`, `merchant`, `ip`, `prefix`, `global`, `reporter`, …). */
  readonly scope: string;
  readonly key: string;
  readonly points: number;
  readonly durationSeconds: number;
}
