// Prompt to playable plugin, over the Forge's prompt corpus (forge/corpus/prompts.json), through
// the real server and headless Chromium, as a user does it on /forge: the prompt typed into
// Describe, "Plan it", "Use this code", "Build", and the built module loaded in the page
// (fetched, compiled and instantiated by the browser's WebAssembly, as the preview loads it).
// Cold: the first build of each prompt on a server started with an empty data folder (no build
// result, no translated module cached); cached: the same prompt right after (answered from the
// service's cache). The server is up while the page loads and the user signs up; it precompiles
// the SDK's prelude then (FC-14), which builds wait for if it is not ready.
//
//   node forge/compile/bench/forge_prompt_bench.mjs [--build build] [--only id,id] [--limit N]
//
// Needs a built tree (vaist, the web app in web/dist) and Chromium (CHROMIUM, default
// /usr/bin/chromium). Prints each prompt's times, then per stage the median, min and max in ms.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(new URL('../../..', import.meta.url).pathname);
const { chromium } = createRequire(join(root, 'web/package.json'))('playwright-core');
const { values: args } = parseArgs({ options: {
  build: { type: 'string', default: 'build' }, only: { type: 'string' }, limit: { type: 'string' } } });
const buildDir = resolve(args.build);
let prompts = JSON.parse(readFileSync(join(root, 'forge/corpus/prompts.json'), 'utf8')).prompts;
if (args.only) prompts = prompts.filter((p) => args.only.split(',').includes(p.id));
if (args.limit) prompts = prompts.slice(0, Number(args.limit));

const work = mkdtempSync(join(tmpdir(), 'forge-prompt-bench-'));
const server = spawn(join(buildDir, 'cli/vaist'), ['serve', '--listen', '127.0.0.1:0', '--data', join(work, 'data'),
  '--web', join(root, 'web/dist')], { stdio: ['ignore', 'pipe', 'ignore'] });
const origin = await new Promise((ok, fail) => {
  let output = '';
  server.stdout.on('data', (chunk) => {
    output += chunk;
    const match = /running on (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
    if (match) ok(match[1]);
  });
  server.on('exit', () => fail(new Error(`vaist serve ended before listening: ${output}`)));
});
const browser = await chromium.launchPersistentContext(join(work, 'profile'), {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});

// One prompt, start to playable; every stage's time in ms and the server's own compile and
// validation times.
async function promptToPlayable(page, prompt) {
  const times = {};
  const t0 = performance.now();
  const describe = page.getByRole('region', { name: 'Describe' });
  await describe.getByLabel('Describe your plugin').fill(prompt);
  const planned = page.waitForResponse((r) => r.url().endsWith('/api/v1/forge/plans'));
  await describe.getByRole('button', { name: 'Plan it' }).click();
  const { plan } = await (await planned).json();
  const group = describe.getByRole('group', { name: `Plan: ${plan.name}` });
  await group.waitFor();
  times.plan = performance.now() - t0;
  const t1 = performance.now();
  await group.getByRole('button', { name: 'Use this code' }).click();
  await page.waitForFunction((name) => document.querySelector('.cm-content')?.textContent.includes(name), plan.name);
  times.code = performance.now() - t1;
  const t2 = performance.now();
  const finished = new Promise((ok) => {
    const listener = async (response) => {
      if (!/\/api\/v1\/forge\/builds(\/[0-9a-f]+)?$/.test(response.url())) return;
      const build = await response.json().catch(() => null);
      if (build?.status === 'succeeded' || build?.status === 'failed') {
        page.off('response', listener);
        ok(build);
      }
    };
    page.on('response', listener);
  });
  await page.getByRole('button', { name: 'Build', exact: true }).click();
  const build = await finished;
  if (build.status !== 'succeeded') throw new Error(`"${prompt}": ${build.message}`);
  await page.getByRole('heading', { name: `${build.plugin.name} is built` }).waitFor();
  times.build = performance.now() - t2;
  times.compile = build.cached ? 0 : build.timings.compileMs;
  times.validate = build.cached ? 0 : build.timings.validateMs;
  const t3 = performance.now();
  await page.evaluate(async (url) => {
    const bytes = await (await fetch(url)).arrayBuffer();
    const module = await WebAssembly.compile(bytes);
    const imports = {};
    for (const { module: from, name, kind } of WebAssembly.Module.imports(module)) {
      if (kind === 'function') (imports[from] ??= {})[name] = () => {};
    }
    await WebAssembly.instantiate(module, imports);
  }, build.wasm.url);
  times.load = performance.now() - t3;
  times.total = performance.now() - t0;
  return { times, cached: build.cached };
}

const stages = ['total', 'plan', 'code', 'build', 'compile', 'validate', 'load'];
const summary = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `median ${sorted[Math.floor((sorted.length - 1) / 2)].toFixed(0)}, min ${sorted[0].toFixed(0)}, max ${sorted.at(-1).toFixed(0)}`;
};
const row = (t) => stages.map((s) => `${s} ${t[s].toFixed(0)}`).join(', ');

try {
  const page = await browser.newPage();
  page.on('dialog', (dialog) => void dialog.accept());  // "Replace your source?": yes
  await page.goto(`${origin}/forge`);
  await page.getByRole('button', { name: 'Sign up' }).click();
  const signUp = page.getByRole('dialog', { name: 'Sign up' });
  await signUp.getByLabel('Username').fill('bench');
  await signUp.getByLabel('Password', { exact: true }).fill('correct horse battery');
  await signUp.getByLabel('Password', { exact: true }).press('Enter');
  await page.getByText('Signed in as bench').waitFor();
  const cold = [];
  const cached = [];
  for (const { id, prompt } of prompts) {
    const first = await promptToPlayable(page, prompt);
    const again = await promptToPlayable(page, prompt);
    if (first.cached || !again.cached) throw new Error(`${id}: expected a cold build, then a cached one`);
    cold.push(first.times);
    cached.push(again.times);
    console.log(`${id}: cold ${row(first.times)}; cached total ${again.times.total.toFixed(0)}, build ${again.times.build.toFixed(0)}`);
  }
  console.log(`\n${prompts.length} prompts, prompt to playable, ms:`);
  for (const stage of stages) console.log(`  cold ${stage}: ${summary(cold.map((t) => t[stage]))}`);
  for (const stage of ['total', 'build', 'load']) console.log(`  cached ${stage}: ${summary(cached.map((t) => t[stage]))}`);
} finally {
  await browser.close();
  const exited = new Promise((ok) => server.on('exit', ok));
  server.kill('SIGTERM');
  await exited;
  rmSync(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
}
