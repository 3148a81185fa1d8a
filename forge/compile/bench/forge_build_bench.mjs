// The Forge's compile service end to end through the real server: a factory plugin's source
// (plugins/chorus/chorus.cpp, one file against the SDK) posted to /api/v1/forge/builds and
// polled until it is a validated plugin asset. Cold: each repetition changes the plugin's version
// string, so the compile, the module and its native translation in the validation are all new.
// Cached: the same source again (answered from the service's cache).
//
//   node forge/compile/bench/forge_build_bench.mjs [build-dir] [repetitions]
// Prints the median and the extremes of each, in milliseconds, from POST to the finished build.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const buildDir = resolve(process.argv[2] ?? 'build');
const repetitions = Number(process.argv[3] ?? 5);
const root = resolve(new URL('../../..', import.meta.url).pathname);
const chorus = readFileSync(join(root, 'plugins/chorus/chorus.cpp'), 'utf8');

const data = mkdtempSync(join(tmpdir(), 'forge-bench-'));
const server = spawn(join(buildDir, 'cli/vaist'), ['serve', '--listen', '127.0.0.1:0', '--data', data],
                     { stdio: ['ignore', 'pipe', 'ignore'] });
const port = await new Promise((ok, fail) => {
  server.stdout.on('data', (chunk) => {
    const match = /:(\d+)\//.exec(chunk.toString());
    if (match) ok(Number(match[1]));
  });
  server.on('exit', () => fail(new Error('vaist serve ended before listening')));
});
const base = `http://127.0.0.1:${port}/api/v1`;

const registered = await fetch(`${base}/auth/register`, {
  method: 'POST', headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ username: 'bench', password: 'correct horse 1' }),
});
const cookie = registered.headers.get('set-cookie').split(';')[0];
const { csrfToken } = await registered.json();
const headers = { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrfToken };

const compileTimes = [];
const validateTimes = [];

async function buildMs(source) {
  const start = performance.now();
  let build = await (await fetch(`${base}/forge/builds`, {
    method: 'POST', headers, body: JSON.stringify({ language: 'cpp', source }) })).json();
  while (build.status === 'queued' || build.status === 'compiling') {
    await new Promise((ok) => setTimeout(ok, 10));
    build = await (await fetch(`${base}/forge/builds/${build.id}`, { headers })).json();
  }
  if (build.status !== 'succeeded') throw new Error(`build failed: ${JSON.stringify(build)}`);
  if (!build.cached) {
    compileTimes.push(build.timings.compileMs);
    validateTimes.push(build.timings.validateMs);
  }
  return performance.now() - start;
}

const summary = (times) => {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return `median ${median.toFixed(0)} ms, min ${sorted[0].toFixed(0)}, max ${sorted.at(-1).toFixed(0)} (n=${times.length})`;
};

try {
  const cold = [];
  const cached = [];
  for (let i = 0; i < repetitions; ++i) {
    const source = chorus.replace('.version = "1.0.0"', `.version = "1.0.${i + 1}"`);
    cold.push(await buildMs(source));
    cached.push(await buildMs(source));
  }
  console.log(`cold build (compile + validate), chorus.cpp: ${summary(cold)}`);
  console.log(`  of which the compile jail: ${summary(compileTimes)}`);
  console.log(`  of which the validation: ${summary(validateTimes)}`);
  console.log(`cached rebuild: ${summary(cached)}`);
} finally {
  server.kill('SIGTERM');
  await new Promise((ok) => server.on('exit', ok));
  rmSync(data, { recursive: true, force: true });
}
