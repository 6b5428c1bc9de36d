import { numberPrefix } from '@phonetrust/phone';
import { LimitRule } from '@phonetrust/platform';
import { VerificationConfig } from '../verification.config';

const HOUR = 3600;

/**
 * The anti-pumping limits of SPEC §3. Every send counts against the number and the global hourly budget; a new
 * verification also counts against its merchant, client IP and number prefix (fraud walks a number range).
 */
export function sendRules(limits: VerificationConfig['limits'], phoneNumber: string): LimitRule[] {
  return [
    { scope: 'number', key: `otp-send:${phoneNumber}`, points: limits.numberSendsPerHour, durationSeconds: HOUR },
    { scope: 'global', key: 'otp-send', points: limits.globalSendsPerHour, durationSeconds: HOUR },
  ];
}

export function newVerificationRules(
  limits: VerificationConfig['limits'],
  request: { phoneNumber: string; merchantId: string; clientIp?: string | null },
): LimitRule[] {
  const [number, global] = sendRules(limits, request.phoneNumber);
  return [
    number,
    { scope: 'merchant', key: `otp-new:${request.merchantId}`, points: limits.merchantPerHour, durationSeconds: HOUR },
    ...(request.clientIp ? [{ scope: 'ip', key: `otp-new:${request.clientIp}`, points: limits.ipPerHour, durationSeconds: HOUR }] : []),
    { scope: 'prefix', key: `otp-new:${numberPrefix(request.phoneNumber)}`, points: limits.prefixPerHour, durationSeconds: HOUR },
    global,
  ];
}
