import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NormalizedPhone } from '@phonetrust/platform';
import { NumberQueries, NumberView } from '@phonetrust/scoring';
import { CurrentBinding, OwnershipReader } from '@phonetrust/verification';

/**
 * A number as analysts see it: scoring's view with verification's binding. Composed here, above both, because
 * verification already depends on scoring and scoring must not depend back.
 */
@Injectable()
export class NumberOverview {
  constructor(
    private readonly dataSource: DataSource,
    private readonly numbers: NumberQueries,
    private readonly ownership: OwnershipReader,
  ) {}

  async get(phone: NormalizedPhone): Promise<NumberView> {
    return this.withBinding(await this.numbers.getNumber(phone));
  }

  async withBinding(view: NumberView): Promise<NumberView> {
    const binding = (await this.ownership.currentBindings(this.dataSource.manager, [view.phoneNumber])).get(view.phoneNumber);
    return { ...view, binding: binding ? toBinding(binding) : null };
  }
}

function toBinding(binding: CurrentBinding): NonNullable<NumberView['binding']> {
  return {
    merchantId: binding.merchantId,
    status: binding.expiresAt.getTime() > Date.now() ? 'verified' : 'expired',
    verifiedAt: binding.verifiedAt.toISOString(),
    expiresAt: binding.expiresAt.toISOString(),
  };
}
