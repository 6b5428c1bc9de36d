import { createHash, hash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'pt_';

/** A new API key: 32 random bytes, URL-safe, recognisable by its `pt_` prefix in secret scanners. */
export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** Hashed on every authenticated request: by Node's one-shot digest where it has one (20.12 on), no Hash object made. */
export function hashApiKey(key: string): string {
  return typeof hash === 'function' ? hash('sha256', key, 'hex') : createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * What a list shows of a key: enough to tell keys apart, far too little to use. Keys we issue carry 256 random
 * bits, so six characters are harmless; an operator-chosen ADMIN_API_KEY shows only four.
 */
export function displayPrefix(key: string): string {
  return key.startsWith(KEY_PREFIX) ? key.slice(0, KEY_PREFIX.length + 6) : `${key.slice(0, 4)}…`;
}
