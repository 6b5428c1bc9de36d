import { NumberPolicyRefusal } from './policy/number-policy';
import { Refusal } from './policy/verification-rules';
import { VerificationError } from './verification-error';

/** Turns a pure decision's refusal into the module's error, with the fields the client needs. */
export function refusalError(refusal: Refusal | NumberPolicyRefusal): VerificationError {
  switch (refusal.code) {
    case 'verification_expired':
      return new VerificationError(refusal.code, 'the verification has expired; start a new one');
    case 'verification_not_pending':
      return new VerificationError(refusal.code, `the verification is ${refusal.status}`, { status: refusal.status });
    case 'max_attempts_reached':
      return new VerificationError(refusal.code, 'too many wrong codes; start a new verification');
    case 'max_sends_reached':
      return new VerificationError(refusal.code, 'the code was sent as often as allowed; start a new verification later');
    case 'resend_cooldown':
      return new VerificationError(refusal.code, `wait ${refusal.retryAfterSeconds} s before sending the code again`, {}, refusal.retryAfterSeconds);
    case 'unsupported_number_type':
      return new VerificationError(
        refusal.code,
        refusal.suggestedChannel
          ? `a ${refusal.numberType.replace(/_/g, ' ')} number cannot receive SMS; use channel "${refusal.suggestedChannel}"`
          : `${refusal.numberType.replace(/_/g, ' ')} numbers cannot be verified`,
        { numberType: refusal.numberType, ...(refusal.suggestedChannel ? { suggestedChannel: refusal.suggestedChannel } : {}) },
      );
    case 'country_not_allowed':
      return new VerificationError(refusal.code, `numbers of ${refusal.country ?? 'this region'} are not accepted`, { country: refusal.country });
  }
}
