import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The compiled service's entry point, as `npm run start:prod` and the Dockerfile run it. */
export const SERVICE_ENTRY = 'dist/apps/api/src/main.js';

/** The Node options a `node … <script>` command line gives before its script: `node --a=1 --b x.js` gives `--a=1 --b`. */
export function nodeFlagsOf(command: string): string[] {
  const words = command.trim().split(/\s+/);
  if (words[0] !== 'node') throw new Error(`not a node command: ${command}`);
  const script = words.findIndex((word, i) => i > 0 && !word.startsWith('-'));
  return words.slice(1, script === -1 ? undefined : script);
}

/**
 * The Node options the service at `dir` runs with in production: its `start:prod` script's. The bench starts each
 * service it measures (this checkout's, and a ref's with `--against`) the way that service's own package runs it.
 */
export function serviceNodeFlags(dir: string): string[] {
  const scripts = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
  return scripts['start:prod'] ? nodeFlagsOf(scripts['start:prod']) : [];
}
