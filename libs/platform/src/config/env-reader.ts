export type Env = Readonly<Record<string, string | undefined>>;

/** Thrown at boot when one or more variables are wrong; the message names every one of them. */
export class ConfigValidationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

interface IntOptions {
  min?: number;
  max?: number;
}

/**
 * Reads typed values out of the environment and collects every problem instead of stopping at the first,
 * so an operator fixes a bad deployment in one round.
 */
export class EnvReader {
  private readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  string(name: string, fallback: string): string {
    const raw = this.raw(name);
    return raw ?? fallback;
  }

  optionalString(name: string): string | undefined {
    return this.raw(name);
  }

  int(name: string, fallback: number, options: IntOptions = {}): number {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    if (!/^-?[0-9]+$/.test(raw)) return this.fail(name, `must be an integer, got "${raw}"`, fallback);
    const value = Number(raw);
    if (!Number.isSafeInteger(value)) return this.fail(name, `is out of range`, fallback);
    if (options.min !== undefined && value < options.min) return this.fail(name, `must be ≥ ${options.min}, got ${value}`, fallback);
    if (options.max !== undefined && value > options.max) return this.fail(name, `must be ≤ ${options.max}, got ${value}`, fallback);
    return value;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    const lower = raw.toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(lower)) return true;
    if (['0', 'false', 'no', 'off'].includes(lower)) return false;
    return this.fail(name, `must be true or false, got "${raw}"`, fallback);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    return this.fail(name, `must be one of ${allowed.join(', ')}, got "${raw}"`, fallback);
  }

  /** A comma-separated list, every item checked against `allowed` when given. */
  list<T extends string = string>(name: string, fallback: readonly T[], allowed?: readonly T[], pattern?: RegExp): T[] {
    const raw = this.raw(name);
    if (raw === undefined) return [...fallback];
    const items = raw
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0);
    const bad = items.filter(
      (item) => (allowed && !(allowed as readonly string[]).includes(item)) || (pattern && !pattern.test(item)),
    );
    if (bad.length > 0) {
      const expected = allowed ? `one of ${allowed.join(', ')}` : `matching ${pattern}`;
      return this.fail(name, `has invalid item(s) ${bad.map((b) => `"${b}"`).join(', ')}; each must be ${expected}`, [...fallback]);
    }
    return items as T[];
  }

  url(name: string, protocols: readonly string[]): string | undefined {
    const raw = this.raw(name);
    if (raw === undefined) return undefined;
    try {
      const url = new URL(raw);
      if (!protocols.includes(url.protocol)) {
        return this.fail(name, `must use ${protocols.join(' or ')}, got "${url.protocol}"`, undefined);
      }
      return raw;
    } catch {
      return this.fail(name, 'must be a valid URL', undefined);
    }
  }

  /** Records a problem found by a rule that spans several variables. */
  problem(name: string, message: string): void {
    this.problems.push(`${name} ${message}`);
  }

  /** Throws when anything read so far was invalid. */
  assertValid(): void {
    if (this.problems.length > 0) throw new ConfigValidationError(this.problems);
  }

  private raw(name: string): string | undefined {
    const value = this.env[name];
    if (value === undefined || value.trim() === '') return undefined;
    return value.trim();
  }

  private fail<T>(name: string, message: string, fallback: T): T {
    this.problems.push(`${name} ${message}`);
    return fallback;
  }
}
