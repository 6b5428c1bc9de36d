import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The compiled service's entry point, as `npm run start:prod` and the Dockerfile run it (the bench too). */
export const SERVICE_ENTRY = 'dist/apps/api/src/main.js';

/** Node options whose value is the next word: `node -r x main.js` runs `main.js`, not `x`. */
const TAKES_A_VALUE = new Set(['-r', '--require', '--import', '--loader']);

/** The Node options a `node … <script>` command line gives before its script: `node --a=1 --b x.js` gives `--a=1 --b`. */
export function nodeFlagsOf(command: string): string[] {
  const words = command.trim().split(/\s+/);
  if (words[0] !== 'node') throw new Error(`not a node command: ${command}`);
  let i = 1;
  while (i < words.length && words[i].startsWith('-')) i += TAKES_A_VALUE.has(words[i]) ? 2 : 1;
  return words.slice(1, i);
}

/** The options without the modules they preload (`-r ts-node/register`…): what applies to the compiled service too. */
function withoutPreloads(flags: string[]): string[] {
  return flags.filter((flag, i) => !TAKES_A_VALUE.has(flag) && !TAKES_A_VALUE.has(flags[i - 1]));
}

function scriptsOf(dir: string): Record<string, string> {
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
}

/**
 * The Node options the service at `dir` runs with, on PostgreSQL or on the embedded database: its `start:prod`
 * script's (PostgreSQL in production), or its `npm start`'s without the TypeScript preloads (the embedded database's
 * command, README). The bench starts each service it measures (this checkout's, and a ref's with `--against`) the way
 * that service's own package runs it there.
 */
export function serviceNodeFlags(dir: string, embedded = false): string[] {
  const script = scriptsOf(dir)[embedded ? 'start' : 'start:prod'];
  return script ? withoutPreloads(nodeFlagsOf(script)) : [];
}

/**
 * `--env "A=1 B=2"`: settings for this checkout's service only (an A/B of a setting, with `--against HEAD`), as an
 * environment. A word that is not `NAME=value` is a mistake the run should not start on.
 */
export function parseServiceEnv(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(word);
    if (!match) throw new Error(`--env takes NAME=value words, not "${word}"`);
    env[match[1]] = match[2];
  }
  return env;
}
