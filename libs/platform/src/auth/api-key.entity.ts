import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from './role';

@Entity({ name: 'api_keys' })
@Check('ck_api_keys_role', `"role" IN ('admin', 'platform', 'analyst')`)
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_api_keys' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  role: Role;

  /** SHA-256 of the key: keys are 256-bit random, so a fast hash is enough and lookups stay cheap. */
  @Index('uq_api_keys_key_hash', { unique: true })
  @Column({ name: 'key_hash', type: 'text' })
  keyHash: string;

  /** The first characters of the key, to recognise it in a list. */
  @Column({ name: 'key_prefix', type: 'text' })
  keyPrefix: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
