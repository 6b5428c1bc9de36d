import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUniqueViolation, Principal } from '@phonetrust/platform';
import { BindOwnership } from './ownership/bind-ownership';
import { OtpCodec } from './otp/otp-codec';
import { afterWrongCode, attemptsRemaining, checkRefusal } from './policy/verification-rules';
import { refusalError } from './refusal-error';
import { verificationConfig, VerificationConfig } from './verification.config';
import { VerificationError } from './verification-error';
import { VerificationRepository } from './verification.repository';
import { CheckResult } from './verification-view';

/**
 * POST /v1/verifications/{id}/check. The verification row is locked for the whole evaluation, and the attempt
 * is spent in the same transaction that compares the code: however many checks arrive at once, at most
 * OTP_MAX_ATTEMPTS codes are ever compared and at most one approves. The number's daily budget of wrong codes
 * (across all its verifications) is locked and spent the same way.
 */
@Injectable()
export class CheckCodeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly verifications: VerificationRepository,
    private readonly codec: OtpCodec,
    private readonly ownership: BindOwnership,
    @Inject(verificationConfig.KEY) private readonly config: VerificationConfig,
  ) {}

  async check(caller: Principal, id: string, code: string): Promise<CheckResult> {
    try {
      return await this.attempt(caller, id, code);
    } catch (error) {
      // Two merchants' approvals of one number raced to create its binding: the loser runs again and,
      // seeing the winner's binding, takes the number over from it.
      if (!isUniqueViolation(error, 'uq_phone_bindings_verified')) throw error;
      return this.attempt(caller, id, code);
    }
  }

  private async attempt(caller: Principal, id: string, code: string): Promise<CheckResult> {
    const outcome = await this.dataSource.transaction(async (tx) => {
      const v = await this.verifications.lockForCheck(tx, id);
      if (!v) throw new VerificationError('not_found', 'no such verification');
      const refusal = checkRefusal(v, v.now, this.config);
      if (refusal) {
        // An expired verification is recorded as such (and its sealed code wiped) before answering 410.
        if (refusal.code === 'verification_expired' && v.status === 'pending') {
          await this.verifications.finish(tx, v.id, 'expired');
          return { refusal };
        }
        throw refusalError(refusal);
      }
      if (v.wrongCodesToday >= this.config.numberDailyWrongCodes) {
        throw new VerificationError('rate_limited', 'too many wrong codes for this number today', { scope: 'number' }, secondsToUtcMidnight(v.now));
      }

      if (this.codec.matches(v.id, code, v.codeHash)) {
        const approved = await this.verifications.finish(tx, v.id, 'approved');
        await this.ownership.bind(tx, {
          phoneNumber: v.phoneNumber,
          merchantId: v.merchantId,
          verificationId: v.id,
          ttlDays: this.config.verifiedTtlDays,
          actor: caller,
        });
        return { result: { id, status: approved.status, valid: true, attemptsRemaining: 0 } };
      }
      const next = afterWrongCode(v, this.config);
      const updated = await this.verifications.recordWrongCode(tx, v.id, v.phoneNumber, next.attempts, next.status);
      return { result: { id, status: updated.status, valid: false, attemptsRemaining: attemptsRemaining(updated, this.config) } };
    });
    if ('refusal' in outcome) throw refusalError(outcome.refusal!);
    return outcome.result;
  }
}

function secondsToUtcMidnight(now: Date): number {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(1, Math.ceil((midnight - now.getTime()) / 1000));
}
