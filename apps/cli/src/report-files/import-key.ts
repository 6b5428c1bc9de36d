import { createHash } from 'node:crypto';

/** JSON with keys sorted at every level: the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** sha256 (hex) of a namespace and a row's content: the import key, and the FTC layout's reporter id. */
export function contentHash(namespace: string, content: unknown): string {
  return createHash('sha256').update(`${namespace}\n${canonicalJson(content)}`, 'utf8').digest('hex');
}
