/** A claimed message as a handler sees it. */
export interface OutboxMessage {
  readonly id: string;
  readonly topic: string;
  readonly type: string;
  readonly aggregateId: string | null;
  readonly payload: any;
  /** 1 on the first delivery attempt. */
  readonly attempts: number;
  readonly route: number;
  readonly createdAt: Date;
}

export type DeliveryOutcome =
  | { readonly kind: 'delivered' }
  /** Try again later (after `delayMs`, default: the dispatcher's backoff), optionally on another route. */
  | { readonly kind: 'retry'; readonly error: string; readonly delayMs?: number; readonly route?: number }
  /** Give up: kept as a dead letter, counted in metrics. */
  | { readonly kind: 'dead'; readonly error: string }
  /** Nothing to deliver any more (e.g. the code expired before it could be sent). */
  | { readonly kind: 'discard'; readonly reason: string };

/** Delivers the messages of one topic. Must not throw for expected failures: it returns an outcome. */
export interface OutboxHandler {
  readonly topic: string;
  deliver(message: OutboxMessage): Promise<DeliveryOutcome>;
}
