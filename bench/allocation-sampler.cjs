/**
 * A preload that samples what the process allocates, objects the garbage collector has since freed included (V8's
 * sampling heap profiler, through `inspector`): where a request's short-lived garbage comes from, which
 * `--heap-prof` (live objects only) does not say.
 *
 *   npm run bench -- --paths report --no-paced --rounds 1 --node-options "-r ./bench/allocation-sampler.cjs"
 *   npx ts-node --transpile-only bench/allocation-summary.ts bench/results/profiles/allocations-<pid>.heapprofile <requests>
 *
 * It rewrites bench/results/profiles/allocations-<pid>.heapprofile every 3 s (the bench ends its services with a
 * SIGTERM and then a SIGKILL, so nothing can wait for the exit); Chrome DevTools' Memory tab loads the file too.
 * Sampling costs the process most of its throughput: read the shares, not the run's speed.
 */
const { Session } = require('node:inspector');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = join(__dirname, 'results', 'profiles');
mkdirSync(dir, { recursive: true });
const file = join(dir, `allocations-${process.pid}.heapprofile`);
const session = new Session();
session.connect();
session.post('HeapProfiler.startSampling', {
  samplingInterval: 4096,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
});
setInterval(() => {
  session.post('HeapProfiler.getSamplingProfile', (error, result) => {
    if (!error) writeFileSync(file, JSON.stringify(result.profile));
  });
}, 3000).unref();
