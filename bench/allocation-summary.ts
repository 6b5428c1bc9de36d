/**
 * What a sampled allocation profile (bench/allocation-sampler.cjs) says, by package: the bytes allocated under each
 * package's own frames (the engine's builtins counted to the nearest package that called them), and the largest
 * functions. The sampler's own allocations (inspector, fs) are left out.
 *
 *   npx ts-node --transpile-only bench/allocation-summary.ts <file.heapprofile> [requests]
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
export interface ProfileNode {
  callFrame: CallFrame;
  selfSize: number;
  children: ProfileNode[];
}

/** The package a script belongs to: its npm package, the service's module (`libs/scoring`…), or Node's own module. */
export function packageOf(url: string): string | null {
  if (!url) return null;
  const npm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (npm) return npm[1];
  if (url.startsWith('node:')) return url;
  const own = /\/dist\/((?:apps|libs)\/[^/]+)/.exec(url);
  if (own) return own[1];
  return url;
}

/** The sampler's own work: not the process's. */
const SAMPLER = /allocation-sampler|^node:inspector|^node:fs$/;

export interface AllocationSummary {
  totalBytes: number;
  byPackage: Map<string, number>;
  byFunction: Map<string, number>;
}

export function summarizeAllocations(head: ProfileNode): AllocationSummary {
  const summary: AllocationSummary = { totalBytes: 0, byPackage: new Map(), byFunction: new Map() };
  const add = (map: Map<string, number>, key: string, bytes: number) => map.set(key, (map.get(key) ?? 0) + bytes);
  const walk = (node: ProfileNode, caller: string, inSampler: boolean) => {
    const own = packageOf(node.callFrame.url);
    const pkg = own ?? caller;
    const sampler = inSampler || SAMPLER.test(pkg);
    if (!sampler && node.selfSize > 0) {
      summary.totalBytes += node.selfSize;
      add(summary.byPackage, pkg, node.selfSize);
      add(summary.byFunction, `${node.callFrame.functionName || '(anonymous)'} (${pkg}:${node.callFrame.lineNumber + 1})`, node.selfSize);
    }
    for (const child of node.children) walk(child, pkg, sampler);
  };
  walk(head, '(the engine)', false);
  return summary;
}

function main(): void {
  const [file, requestsText] = process.argv.slice(2);
  if (!file) throw new Error('usage: allocation-summary.ts <file.heapprofile> [requests]');
  const requests = Number(requestsText ?? 1);
  const { totalBytes, byPackage, byFunction } = summarizeAllocations((JSON.parse(readFileSync(file, 'utf8')) as { head: ProfileNode }).head);
  const kb = (bytes: number) => `${(bytes / requests / 1024).toFixed(1).padStart(8)} KB`;
  const top = (map: Map<string, number>, n: number) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([key, bytes]) => `${kb(bytes)} ${((100 * bytes) / totalBytes).toFixed(1).padStart(5)}%  ${key}`);
  console.log(`${kb(totalBytes)} in all${requests > 1 ? ', per request' : ''}\n\nby package:\n${top(byPackage, 20).join('\n')}\n\nby function:\n${top(byFunction, 30).join('\n')}`);
}

if (require.main === module) main();
