import { PlatformError } from '../errors/platform-error';

/** Cursors are opaque to clients: base64url JSON of the last row's sort key. */
export function encodeCursor(value: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** Decodes a cursor and checks every field has the expected shape; anything else is 400, never a SQL error. */
type CursorField = 'string' | 'number' | 'uuid' | 'timestamp';
type CursorValue<F> = F extends 'number' ? number : string;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

function fieldOk(kind: CursorField, value: unknown): boolean {
  switch (kind) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'string':
      return typeof value === 'string' && value.length <= 256;
    case 'uuid':
      return typeof value === 'string' && UUID.test(value);
    case 'timestamp':
      return typeof value === 'string' && TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value));
  }
}

export function decodeCursor<S extends Record<string, CursorField>>(
  cursor: string | undefined,
  shape: S,
): { [K in keyof S]: CursorValue<S[K]> } | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const invalid = () => new PlatformError('invalid_cursor', 'cursor is not one this API returned');
  if (cursor.length > 512 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid();
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(shape)) {
    const value = (parsed as Record<string, unknown>)[key];
    if (!fieldOk(shape[key], value)) throw invalid();
    result[key] = value;
  }
  return result as { [K in keyof S]: CursorValue<S[K]> };
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Builds a page from `limit + 1` fetched rows: the extra row only says whether there is more.
 */
export function toPage<R, T>(rows: R[], limit: number, map: (row: R) => T, cursorOf: (row: R) => Record<string, string | number>): Page<T> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  return {
    items: pageRows.map(map),
    nextCursor: hasMore ? encodeCursor(cursorOf(pageRows[pageRows.length - 1])) : null,
  };
}

/** ISO timestamps with microseconds survive a cursor round trip; Date would drop them. */
export function timestampCursorValue(value: Date | string): string {
  return typeof value === 'string' ? value : value.toISOString();
}
