import { parse } from 'csv-parse/sync';
import { readLines } from './read-lines';

export type FileFormat = 'csv' | 'jsonl';

/** One record of a file: its fields by name, or why it could not be read. `line` is where it starts. */
export type FileRecord = { readonly line: number; readonly fields: Record<string, unknown> } | { readonly line: number; readonly error: string };

/** A CSV record may span lines (a quoted field with newlines), up to this many; an unclosed quote is refused. */
export const MAX_RECORD_LINES = 50;
const MAX_RECORD_CHARS = 64 * 1024;

export class FileFormatError extends Error {}

export function formatOf(path: string, explicit?: string): FileFormat {
  if (explicit === 'csv' || explicit === 'jsonl') return explicit;
  if (explicit !== undefined) throw new FileFormatError(`--format must be csv or jsonl, got "${explicit}"`);
  if (/\.csv$/i.test(path)) return 'csv';
  if (/\.(jsonl|ndjson)$/i.test(path)) return 'jsonl';
  throw new FileFormatError(`cannot tell the format of ${path} from its extension: pass --format csv or --format jsonl`);
}

/**
 * The records of a CSV (header row first) or JSON Lines file, streamed. A bad record becomes an error record
 * with its line number and reading goes on: a broken quote costs that record, never the rest of the file.
 */
export async function* readRecords(path: string, format: FileFormat, onBytes?: (bytes: number) => void): AsyncGenerator<FileRecord> {
  if (format === 'jsonl') yield* readJsonLines(path, onBytes);
  else yield* readCsv(path, onBytes);
}

async function* readJsonLines(path: string, onBytes?: (bytes: number) => void): AsyncGenerator<FileRecord> {
  for await (const { line, text } of readLines(path, onBytes)) {
    const body = line === 1 ? text.replace(/^\uFEFF/, '') : text;
    if (body.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      yield { line, error: 'invalid JSON' };
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) yield { line, error: 'not a JSON object' };
    else yield { line, fields: value as Record<string, unknown> };
  }
}

async function* readCsv(path: string, onBytes?: (bytes: number) => void): AsyncGenerator<FileRecord> {
  let header: string[] | null = null;
  // Lines read ahead while looking for a quote's end, given back when the record turns out to be broken.
  const pending: { line: number; text: string }[] = [];
  const lines = readLines(path, onBytes);
  const next = async () => pending.shift() ?? (await lines.next()).value ?? null;

  for (let first = await next(); first !== null; first = await next()) {
    if (first.line === 1) first = { ...first, text: first.text.replace(/^\uFEFF/, '') };
    if (first.text.trim() === '') continue;
    let text = first.text;
    const taken: { line: number; text: string }[] = [];
    while (quoteOpen(text) && taken.length < MAX_RECORD_LINES && text.length < MAX_RECORD_CHARS) {
      const more = await next();
      if (!more) break;
      taken.push(more);
      text += `\n${more.text}`;
    }
    let fields: string[];
    try {
      if (quoteOpen(text)) throw new Error('quote not closed');
      fields = (parse(text, { relax_column_count: true }) as string[][])[0] ?? [];
    } catch (error) {
      // Only the first line is lost: the lines read ahead are read again as records of their own.
      pending.unshift(...taken);
      if (!header) throw new FileFormatError(`line ${first.line}: the header row is not valid CSV (${reason(error)})`);
      yield { line: first.line, error: `malformed CSV: ${reason(error)}` };
      continue;
    }
    if (!header) {
      header = fields.map((name) => name.trim());
      continue;
    }
    if (fields.length !== header.length) {
      yield { line: first.line, error: `expected ${header.length} fields, got ${fields.length}` };
      continue;
    }
    const record: Record<string, unknown> = {};
    header.forEach((name, i) => (record[name] = fields[i]));
    yield { line: first.line, fields: record };
  }
}

/** RFC 4180: quotes come in pairs ("" inside a quoted field), so an odd count means a quoted field is still open. */
function quoteOpen(text: string): boolean {
  let count = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) count++;
  return count % 2 === 1;
}

function reason(error: unknown): string {
  const message = (error as Error).message ?? String(error);
  return message.replace(/\s+/g, ' ').replace(/^Invalid Record Length: .*$/, 'wrong number of fields').slice(0, 120);
}
