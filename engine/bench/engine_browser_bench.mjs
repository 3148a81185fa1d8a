#!/usr/bin/env node
// node engine/bench/engine_browser_bench.mjs DIR [--engine engine.wasm] [--plugins DIR]
//      [--seconds S] [--repetitions N] [--sharing K] [--chromium /usr/bin/chromium]
// The benchmark of engine_wasm_bench.mjs in headless Chromium (apt-get install chromium), in a
// Web Worker: the same engine.wasm and plugins in the browser's V8, where the studio runs them.
// Serves the files on 127.0.0.1, starts Chromium on the page browser/engine_bench.html, prints
// what it posts back and stops both. Also reports how many wasm memories the renderer process
// can hold, the limit behind sharing plugin instances (EW-2).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';

import { TRUSTED_MODULE_SHARING } from '../js/engine_host.mjs';
import { args, option, repository } from './bench_options.mjs';

const dir = args[0];
if (!dir || dir.startsWith('-')) {
  process.stderr.write('usage: node engine_browser_bench.mjs DIR [--engine F] [--plugins DIR] [--seconds S] [--repetitions N] [--sharing K] [--chromium PATH]\n');
  process.exit(2);
}
const files = {
  '/files/engine.wasm': option('--engine', join(repository, 'build/wasm/engine/engine.wasm')),
  '/files/plugins/': option('--plugins', join(repository, 'build/wasm/plugins')),
  '/files/session/': dir,
  '/engine/': join(repository, 'engine'),
};
const chromium = option('--chromium', '/usr/bin/chromium');
if (!existsSync(chromium)) {
  process.stderr.write(`engine_browser_bench: no Chromium at ${chromium}; install it (apt-get install chromium) or pass --chromium PATH\n`);
  process.exit(2);
}
const query = new URLSearchParams({
  seconds: option('--seconds', '4'),
  repetitions: option('--repetitions', '5'),
  sharing: option('--sharing', String(TRUSTED_MODULE_SHARING)),
});
const TYPES = { '.mjs': 'text/javascript', '.html': 'text/html', '.wasm': 'application/wasm', '.json': 'application/json' };
const TIMEOUT_MS = 10 * 60 * 1000;

// A URL path to a file under one of `files`' roots, or null (nothing outside them is served).
function fileFor(path) {
  for (const [prefix, target] of Object.entries(files)) {
    if (path === prefix) return target;
    if (prefix.endsWith('/') && path.startsWith(prefix)) {
      const rest = normalize(path.slice(prefix.length));
      return rest.startsWith('..') ? null : join(target, rest);
    }
  }
  return null;
}

let browser = null;
let reported = false;
const profile = mkdtempSync(join(tmpdir(), 'engine-browser-bench-'));
// Stops Chromium, then (once it has let go of its profile) removes the profile and exits.
function finish(code) {
  process.exitCode = code;
  server.close();
  if (browser === null || browser.exitCode !== null || browser.signalCode !== null) {
    rmSync(profile, { recursive: true, force: true });
    process.exit(code);
  }
  browser.kill('SIGKILL');
}

const server = createServer((request, response) => {
  const path = new URL(request.url, 'http://127.0.0.1').pathname;
  if (request.method === 'POST' && path === '/result') {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      response.end();
      reported = true;
      process.stdout.write(`${body}\n`);
      finish(body.includes('error:') ? 1 : 0);
    });
    return;
  }
  const file = fileFor(path);
  let content;
  try {
    content = file === null ? null : readFileSync(file);
  } catch {
    content = null;
  }
  if (content === null) {
    response.writeHead(404).end();
    return;
  }
  // Cross-origin isolated, as the studio will be (SharedArrayBuffer, finer performance.now()).
  response.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
  });
  response.end(content);
});

server.listen(0, '127.0.0.1', () => {
  const url = `http://127.0.0.1:${server.address().port}/engine/bench/browser/engine_bench.html?${query}`;
  browser = spawn(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    `--user-data-dir=${profile}`, url], { stdio: 'ignore' });
  browser.on('exit', (code) => {
    if (!reported) {
      process.stderr.write(`engine_browser_bench: Chromium exited (${code}) before reporting\n`);
      process.exitCode = 1;
    }
    rmSync(profile, { recursive: true, force: true });
    process.exit();
  });
});
setTimeout(() => {
  process.stderr.write('engine_browser_bench: no result within 10 minutes\n');
  finish(1);
}, TIMEOUT_MS).unref();
