import { statSync } from 'node:fs';
import { isSupportedCountry } from 'libphonenumber-js/max';
import { CliError } from '../cli-error';

/** The file exists and is a readable regular file; a clear message otherwise. */
export function checkFile(file: string): void {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    throw new CliError(`cannot read ${file}: no such file`);
  }
  if (!stat.isFile()) throw new CliError(`${file} is not a file`);
}

export function checkCountry(country?: string): string | undefined {
  if (country === undefined) return undefined;
  const upper = country.toUpperCase();
  if (!/^[A-Z]{2}$/.test(upper) || !isSupportedCountry(upper)) throw new CliError(`--country must be an ISO 3166 alpha-2 code, got "${country}"`);
  return upper;
}
