import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The first response to a request made with an Idempotency-Key, replayed for its retries. */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyKeyEntity {
  /** The route and the API key that used it: one client's keys never collide with another's. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_idempotency_keys' })
  scope: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_idempotency_keys' })
  key: string;

  /** SHA-256 of the canonical request body: the same key with another body is refused. */
  @Column({ name: 'request_hash', type: 'text' })
  requestHash: string;

  @Column({ name: 'status_code', type: 'integer' })
  statusCode: number;

  /** `json`, not `jsonb`: a replay returns the first response byte for byte, keys in their order. */
  @Column({ type: 'json' })
  response: unknown;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
