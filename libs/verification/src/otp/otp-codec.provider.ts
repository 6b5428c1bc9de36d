import { Provider } from '@nestjs/common';
import { DevSecrets } from '@phonetrust/platform';
import { verificationConfig, VerificationConfig } from '../verification.config';
import { OtpCodec } from './otp-codec';

/** OTP_SECRET, or in development a secret generated once and kept in the data directory. */
export const otpCodecProvider: Provider = {
  provide: OtpCodec,
  inject: [verificationConfig.KEY, DevSecrets],
  useFactory: (config: VerificationConfig, devSecrets: DevSecrets) => new OtpCodec(config.otpSecret ?? devSecrets.get('OTP_SECRET')),
};
