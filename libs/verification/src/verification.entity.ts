import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Channel } from './policy/number-policy';
import { VerificationStatus } from './policy/verification-rules';

@Entity({ name: 'verifications' })
@Check('ck_verifications_status', `"status" IN ('pending', 'approved', 'failed', 'canceled', 'expired')`)
@Check('ck_verifications_channel', `"channel" IN ('sms', 'voice')`)
// One pending verification per merchant and number: a second start re-sends on the first.
@Index('uq_verifications_pending', ['merchantId', 'phoneNumber'], { unique: true, where: `"status" = 'pending'` })
@Index('ix_verifications_phone_created', ['phoneNumber', 'createdAt'])
export class VerificationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_verifications' })
  id: string;

  @Column({ name: 'merchant_id', type: 'text' })
  merchantId: string;

  /** E.164 */
  @Column({ name: 'phone_number', type: 'text' })
  phoneNumber: string;

  @Column({ type: 'text', nullable: true })
  country: string | null;

  @Column({ name: 'number_type', type: 'text' })
  numberType: string;

  @Column({ type: 'text' })
  channel: Channel;

  @Column({ type: 'text' })
  locale: string;

  @Column({ type: 'text', default: 'pending' })
  status: VerificationStatus;

  /** HMAC-SHA256 of the code under a key derived from OTP_SECRET; never the code. */
  @Column({ name: 'code_hash', type: 'text' })
  codeHash: string;

  /** The code sealed (AES-256-GCM) so a resend sends the same code; wiped when the verification ends. */
  @Column({ name: 'code_sealed', type: 'text', nullable: true })
  codeSealed: string | null;

  /** Wrong codes evaluated. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'send_count', type: 'integer', default: 1 })
  sendCount: number;

  @Column({ name: 'last_sent_at', type: 'timestamptz' })
  lastSentAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'client_ip', type: 'text', nullable: true })
  clientIp: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;
}
