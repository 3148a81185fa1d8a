#!/usr/bin/env node
// node web/scripts/build.mjs bundle
// node web/scripts/build.mjs stage --engine ENGINE.wasm --plugins CATALOG_DIR --demo DEMO_DIR
// node web/scripts/build.mjs harness --out DIR
// The build's web steps (web/CMakeLists.txt). `bundle` (when a source changed): installs the npm
// packages when node_modules is missing or older than package-lock.json (`npm ci`, from npm's
// cache when it has them) and builds the app into web/dist (`npm run build`: type check, then
// Vite, which empties dist first). `stage` (every build, a few milliseconds): copies what the
// browser fetches beside the app, so that `vaist serve` serves one folder:
//   dist/engine/engine.wasm        the engine (its JavaScript host is bundled into the worklet)
//   dist/plugins/                  the factory catalog: catalog.json and <name>.wasm
//   dist/demo/                     the demo session and its audio
// `harness` (after `bundle`): the browser test's harness page (tests/browser/harness/), which runs
// the app's own code where the UI cannot drive it, built into DIR (not into dist).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function option(name) {
  const i = process.argv.indexOf(name);
  if (i < 0 || i + 1 >= process.argv.length) {
    process.stderr.write(`build.mjs: give ${name} (usage: build.mjs stage --engine F --plugins DIR --demo DIR | harness --out DIR)\n`);
    process.exit(2);
  }
  return resolve(process.argv[i + 1]);
}

function run(...args) {
  const result = spawnSync('npm', args, { cwd: web, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`build.mjs: npm ${args.join(' ')} failed in ${web}\n`);
    process.exit(1);
  }
}

function bundle() {
  // npm ci writes node_modules/.package-lock.json: older than the lock file means stale.
  const installed = join(web, 'node_modules', '.package-lock.json');
  if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(join(web, 'package-lock.json')).mtimeMs) {
    run('ci', '--prefer-offline', '--no-audit', '--no-fund');
  }
  run('run', 'build', '--silent');
}

function stage() {
  const engine = option('--engine');
  const plugins = option('--plugins');
  const demo = option('--demo');
  const dist = join(web, 'dist');
  for (const [from, to] of [[engine, 'engine/engine.wasm'], [plugins, 'plugins'], [demo, 'demo']]) {
    const target = join(dist, to);
    rmSync(target, { recursive: true, force: true });
    mkdirSync(dirname(target), { recursive: true });
    cpSync(from, target, { recursive: true });
  }
}

function harness() {
  const out = option('--out');
  const vite = join(web, 'node_modules', '.bin', 'vite');
  const result = spawnSync(vite, ['build', '--config', join(web, 'tests', 'browser', 'harness', 'vite.config.ts'), '--outDir', out, '--logLevel', 'warn'],
    { cwd: web, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`build.mjs: vite build of the test harness into ${out} failed\n`);
    process.exit(1);
  }
}

const step = process.argv[2];
if (step === 'bundle') {
  bundle();
} else if (step === 'stage') {
  stage();
} else if (step === 'harness') {
  harness();
} else {
  process.stderr.write('usage: build.mjs bundle | build.mjs stage --engine F --plugins DIR --demo DIR | build.mjs harness --out DIR\n');
  process.exit(2);
}
