import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type BindingStatus = 'verified' | 'revoked' | 'removed';

/**
 * A merchant's proven ownership of a number. At most one `verified` binding per number; when another merchant
 * proves possession the old one becomes `revoked`. Expiry is a date, not a status: a verified binding past
 * `expires_at` reads as `expired`.
 */
@Entity({ name: 'phone_bindings' })
@Check('ck_phone_bindings_status', `"status" IN ('verified', 'revoked', 'removed')`)
@Index('uq_phone_bindings_verified', ['phoneNumber'], { unique: true, where: `"status" = 'verified'` })
@Index('ix_phone_bindings_merchant', ['merchantId', 'verifiedAt'])
export class PhoneBindingEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_phone_bindings' })
  id: string;

  @Column({ name: 'phone_number', type: 'text' })
  phoneNumber: string;

  @Column({ name: 'merchant_id', type: 'text' })
  merchantId: string;

  @Column({ type: 'text', default: 'verified' })
  status: BindingStatus;

  @Column({ name: 'verification_id', type: 'uuid' })
  verificationId: string;

  @Column({ name: 'verified_at', type: 'timestamptz' })
  verifiedAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  /** Why it ended: `claimed_by_other_merchant`, `removed_by_merchant`. */
  @Column({ name: 'end_reason', type: 'text', nullable: true })
  endReason: string | null;
}
