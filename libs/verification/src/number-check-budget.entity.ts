import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Wrong codes evaluated per number per UTC day, across all its verifications (SPEC §3: at most 100). */
@Entity({ name: 'number_check_budgets' })
export class NumberCheckBudgetEntity {
  @PrimaryColumn({ name: 'phone_number', type: 'text', primaryKeyConstraintName: 'pk_number_check_budgets' })
  phoneNumber: string;

  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_number_check_budgets' })
  day: string;

  @Column({ name: 'wrong_codes', type: 'integer', default: 0 })
  wrongCodes: number;
}
