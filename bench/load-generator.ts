import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Load } from './paths';

export interface RunResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export type Generator = 'wrk' | 'autocannon';

export function pickGenerator(forced?: string): Generator {
  if (forced === 'autocannon' || forced === 'wrk') return forced;
  try {
    require('node:child_process').execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return 'wrk';
  } catch (error) {
    // wrk prints its version and exits 1; only a missing binary throws ENOENT
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'autocannon' : 'wrk';
  }
}

/**
 * Runs one load against `baseUrl` for `duration` seconds with `connections` connections: as fast as the target
 * answers, or, with `rate`, paced to about that many requests per second in all (spaced evenly, on whichever
 * connection is free), to see latency at a load the target is not saturated by.
 */
export function runLoad(generator: Generator, baseUrl: string, load: Load, connections: number, duration: number, rate?: number): Promise<RunResult> {
  return generator === 'wrk' ? runWrk(baseUrl, load, connections, duration, rate) : runAutocannon(baseUrl, load, connections, duration, rate);
}

// wrk is C and light on the CPU the service needs; its Lua script cycles through the requests of a file. Paced, it
// spaces the requests of all connections on one schedule, 1000 / rate ms apart: each answer books the connection the
// next free slot, and wrk waits until it (whole milliseconds; the schedule itself is exact, so rounding never adds
// up). A target that falls behind gets no burst to catch up: the schedule restarts from now. One wrk thread (-t1):
// one schedule.
const WRK_SCRIPT = `
local ffi = require("ffi")
ffi.cdef[[ typedef struct { long tv_sec; long tv_nsec; } pt_timespec; int clock_gettime(int clk_id, pt_timespec *tp); ]]
local clock = ffi.new("pt_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end
local requests = {}
local index = 0
local interval = 0
local due = 0
function init(args)
  interval = tonumber(args[2] or "0")
  for line in io.lines(args[1]) do
    local method, path, body = line:match("^([^\\t]*)\\t([^\\t]*)\\t?(.*)$")
    if body == "" then body = nil end
    requests[#requests + 1] = wrk.format(method, path, nil, body)
  end
end
function delay()
  if interval == 0 then return 0 end
  local now = now_ms()
  due = math.max(due + interval, now)
  return math.floor(due - now + 0.5)
end
function request()
  index = index + 1
  if index > #requests then index = 1 end
  return requests[index]
end
local reported = false
function response(status, headers, body)
  if status >= 300 and not reported then
    reported = true
    io.stderr:write("first non-2xx answer: " .. status .. " " .. string.sub(body or "", 1, 300) .. "\\n")
  end
end
`;

async function runWrk(baseUrl: string, load: Load, connections: number, duration: number, rate?: number): Promise<RunResult> {
  const dir = tmpdir();
  const script = join(dir, 'phonetrust-bench.lua');
  const list = join(dir, `phonetrust-bench-${process.pid}.tsv`);
  writeFileSync(script, WRK_SCRIPT);
  writeFileSync(list, load.requests.map((r) => `${r.method}\t${r.path}\t${r.body ?? ''}`).join('\n'));
  const headerArgs = Object.entries(load.headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
  // Paced: one request every 1000 / rate ms over all connections (the rate reached is measured and reported, not
  // assumed).
  const intervalMs = rate ? 1000 / rate : 0;
  const output = await new Promise<string>((resolve, reject) =>
    execFile('wrk', ['-t1', `-c${connections}`, `-d${duration}s`, '--latency', '--timeout', '10s', ...headerArgs, '-s', script, baseUrl, '--', list, String(intervalMs)], { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (stderr) process.stderr.write(stderr);
      return error ? reject(error) : resolve(stdout);
    }),
  );
  const ms = (label: string) => {
    const match = new RegExp(`^\\s*${label}\\s+([0-9.]+)(us|ms|s)\\s*$`, 'm').exec(output);
    if (!match) return NaN;
    const value = Number(match[1]);
    return match[2] === 'us' ? value / 1000 : match[2] === 's' ? value * 1000 : value;
  };
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  return {
    rps: Number(/Requests\/sec:\s+([0-9.]+)/.exec(output)?.[1] ?? NaN),
    p50: ms('50%'),
    p99: ms('99%'),
    errors: socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
    non2xx: Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0),
  };
}

async function runAutocannon(baseUrl: string, load: Load, connections: number, duration: number, rate?: number): Promise<RunResult> {
  let next = 0;
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration,
    ...(rate ? { overallRate: Math.round(rate) } : {}),
    headers: load.headers,
    requests: [
      {
        setupRequest: (req: autocannon.Request) => {
          const r = load.requests[next++ % load.requests.length];
          return { ...req, method: r.method, path: r.path, body: r.body };
        },
      },
    ],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts, non2xx: result.non2xx };
}
