import { Module } from '@nestjs/common';
import { AuditModule, ChangeBusModule, IdempotencyModule, OutboxModule, RateLimitModule, SecretsModule } from '@phonetrust/platform';
import { NumberStateModule } from '@phonetrust/scoring';
import { CancelVerificationService } from './cancel-verification.service';
import { CheckCodeService } from './check-code.service';
import { otpCodecProvider } from './otp/otp-codec.provider';
import { BindOwnership } from './ownership/bind-ownership';
import { BindingRepository } from './ownership/binding.repository';
import { MerchantPhonesService } from './ownership/merchant-phones.service';
import { OwnershipReader } from './ownership/ownership.reader';
import { ResendCodeService } from './resend-code.service';
import { SmsOutboxHandler } from './sms/sms-outbox.handler';
import { SmsProviders } from './sms/sms-providers';
import { smsConfig, SmsConfig } from './sms/sms.config';
import { SmsOutbox } from './sms-outbox';
import { StartVerificationService } from './start-verification.service';
import { VerificationRepository } from './verification.repository';

@Module({
  imports: [AuditModule, ChangeBusModule, IdempotencyModule, OutboxModule, RateLimitModule, SecretsModule, NumberStateModule],
  providers: [
    otpCodecProvider,
    { provide: SmsProviders, inject: [smsConfig.KEY], useFactory: (config: SmsConfig) => SmsProviders.fromConfig(config) },
    VerificationRepository,
    BindingRepository,
    BindOwnership,
    SmsOutbox,
    SmsOutboxHandler,
    StartVerificationService,
    CheckCodeService,
    ResendCodeService,
    CancelVerificationService,
    MerchantPhonesService,
    OwnershipReader,
  ],
  exports: [StartVerificationService, CheckCodeService, ResendCodeService, CancelVerificationService, MerchantPhonesService, OwnershipReader],
})
export class VerificationModule {}
