import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { effectiveStatus } from './policy/verification-rules';
import { refusalError } from './refusal-error';
import { verificationConfig, VerificationConfig } from './verification.config';
import { VerificationError } from './verification-error';
import { VerificationRepository } from './verification.repository';
import { toVerificationView, VerificationView } from './verification-view';

/** POST /v1/verifications/{id}/cancel: ends a pending verification; its code can no longer be used or sent. */
@Injectable()
export class CancelVerificationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly verifications: VerificationRepository,
    @Inject(verificationConfig.KEY) private readonly config: VerificationConfig,
  ) {}

  async cancel(id: string): Promise<VerificationView> {
    return this.dataSource.transaction(async (tx) => {
      const v = await this.verifications.lock(tx, id);
      if (!v) throw new VerificationError('not_found', 'no such verification');
      const status = effectiveStatus(v, v.now);
      if (status === 'expired') throw refusalError({ code: 'verification_expired' });
      if (status !== 'pending') throw refusalError({ code: 'verification_not_pending', status });
      return toVerificationView(await this.verifications.finish(tx, id, 'canceled'), this.config);
    });
  }

  async get(id: string): Promise<VerificationView> {
    const v = await this.verifications.findById(id);
    if (!v) throw new VerificationError('not_found', 'no such verification');
    return toVerificationView(v, this.config);
  }
}
