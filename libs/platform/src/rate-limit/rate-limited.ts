import { PlatformError } from '../errors/platform-error';

/** The 429 `rate_limited` every limit answers with: its `scope` named, and Retry-After. */
export function rateLimited(scope: string, retryAfterSeconds: number): PlatformError {
  return new PlatformError('rate_limited', `too many requests for this ${scope}`, { scope }, retryAfterSeconds);
}
