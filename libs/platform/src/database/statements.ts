import { EntityManager } from 'typeorm';
import { queryRows } from './query-rows';

/** One SQL statement with its positional parameters ($1, $2, …). */
export interface Statement {
  readonly text: string;
  readonly params: readonly unknown[];
}

/**
 * Several statements as one: the first is the main statement (its RETURNING rows are the result), the others run
 * as data-modifying CTEs in front of it, their `$n` renumbered after the main statement's. PostgreSQL runs every
 * part to completion on one snapshot, so the parts must write rows the transaction already holds, or new rows,
 * and no two parts may touch the same row. Parameters must not appear inside string literals.
 */
export function combineStatements(statements: readonly Statement[]): Statement {
  if (statements.length === 0) throw new Error('combineStatements needs at least one statement');
  const [main, ...others] = statements;
  if (others.length === 0) return main;
  const params: unknown[] = [...main.params];
  const offsets = others.map((statement) => {
    const offset = params.length;
    params.push(...statement.params);
    return offset;
  });
  // Keyed by the texts and the offsets their parameters are renumbered by: the same parts, the same text.
  const text = memoText(
    [...statements.map((statement) => statement.text), ...offsets.map(String)],
    () => `WITH ${others.map((statement, i) => `w${i + 1} AS (${shiftParameters(statement.text, offsets[i]).trim()})`).join(',\n')}\n${main.text.trim()}`,
  );
  return { text, params };
}

/** The statement's text with `$n` renumbered to `$(n + offset)`, to place it after `offset` other parameters. */
export function shiftParameters(text: string, offset: number): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
}

/**
 * Runs the statements in one round trip (see `combineStatements`), as a prepared statement (their text must come
 * from code, never from data); returns the main statement's rows. `last`: see `QueryOptions.last`.
 */
export function writeTogether<T>(manager: EntityManager, statements: readonly Statement[], options: { last?: boolean } = {}): Promise<T[]> {
  const combined = combineStatements(statements);
  return queryRows<T>(manager, combined.text, [...combined.params], { prepare: true, last: options.last });
}

/**
 * An UPDATE of one row the transaction already holds (locked or created earlier in it), written as an upsert on
 * the row's key, for prepared statements: `INSERT INTO table (key…) VALUES (values…) ON CONFLICT (key…) DO UPDATE
 * SET set`. The conflict is always found through the key's unique index, whatever the planner would choose, while
 * a prepared `UPDATE … WHERE key = $1` keeps the generic plan made on its first uses — a scan, if the table had
 * been analyzed nearly empty — until the table is next analyzed: on a fresh database every such write read the
 * whole table for as long as that took. The insert arm never runs, since the row exists; `set` refers to the row's
 * current values as `t.column`.
 */
export function updateHeldRow(table: string, key: Readonly<Record<string, string>>, set: string): string {
  const columns = Object.keys(key).join(', ');
  return `INSERT INTO ${table} AS t (${columns}) VALUES (${Object.values(key).join(', ')})
       ON CONFLICT (${columns}) DO UPDATE SET ${set}`;
}

const LEAF = Symbol('text');
type MemoNode = Map<string | typeof LEAF, MemoNode | string>;
const memo: MemoNode = new Map();
let memoized = 0;
const MAX_MEMOIZED = 1000;

/**
 * The text `build` makes from `parts`, built once per distinct parts: the same parts give back the same string.
 * For statements assembled from code's own texts on every request — assembling them (renumbering parameters,
 * concatenating) cost more than a lookup, and the same string object keeps its hash for the prepared statement's
 * name. The parts are looked up one by one, so a lookup by the same constant texts hashes nothing new. Only texts
 * from code, never from data (bounded all the same).
 */
export function memoText(parts: readonly string[], build: () => string): string {
  let node = memo;
  for (const part of parts) {
    let next = node.get(part) as MemoNode | undefined;
    if (next === undefined) {
      next = new Map();
      node.set(part, next);
    }
    node = next;
  }
  let text = node.get(LEAF) as string | undefined;
  if (text === undefined) {
    if (memoized >= MAX_MEMOIZED) {
      memo.clear();
      memoized = 0;
    }
    text = build();
    memoized++;
    node.set(LEAF, text);
  }
  return text;
}
