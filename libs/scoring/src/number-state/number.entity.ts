import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { NumberState } from './number-state';

/** One row per number that was ever reported or acted on: its state (and, with scoring, its score). */
@Entity({ name: 'numbers' })
@Check('ck_numbers_state', `"state" IN ('ok', 'watch', 'review', 'restricted', 'suspended')`)
export class NumberEntity {
  @PrimaryColumn({ name: 'phone_number', type: 'text', primaryKeyConstraintName: 'pk_numbers' })
  phoneNumber: string;

  @Column({ type: 'text', default: 'ok' })
  state: NumberState;

  @Column({ name: 'state_changed_at', type: 'timestamptz', default: () => 'now()' })
  stateChangedAt: Date;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
