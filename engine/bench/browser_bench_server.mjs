// What the browser benchmarks share (engine_browser_bench.mjs, web_audio_bench.mjs): serves
// files on 127.0.0.1 with the headers of a cross-origin isolated page, starts headless Chromium on
// one of them, prints the report the page POSTs to /result and stops both.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';

// Chromium's helper processes (renderer, crash handler) may still write into the profile for a
// moment after the browser is killed: removal is retried for a few seconds, and a folder left in
// /tmp is a warning, not a failed benchmark.
function removeProfile(profile) {
  try {
    rmSync(profile, { recursive: true, force: true, maxRetries: 25, retryDelay: 200 });
  } catch (error) {
    process.stderr.write(`warning: the browser profile ${profile} was not removed (${error.message})\n`);
  }
}

import { args, option, repository } from './bench_options.mjs';

const TYPES = { '.mjs': 'text/javascript', '.html': 'text/html', '.wasm': 'application/wasm', '.json': 'application/json' };
const TIMEOUT_MS = 20 * 60 * 1000;

// The command line of every browser benchmark: `node NAME.mjs DIR [options]`. Opens `page` with
// the query `query` (each key's default, or the value of --key) on the files of benchFiles(DIR)
// in the Chromium of --chromium (default /usr/bin/chromium).
export function runBenchPage({ name, usage, page, query, extraFlags = [] }) {
  const dir = args[0];
  if (!dir || dir.startsWith('-')) {
    process.stderr.write(`usage: node ${name}.mjs DIR ${usage} [--engine F] [--plugins DIR] [--sharing K] [--chromium PATH]\n`);
    process.exit(2);
  }
  const search = new URLSearchParams(Object.entries(query).map(([key, fallback]) => [key, option(`--${key}`, fallback)]));
  runInChromium({
    name, chromium: option('--chromium', '/usr/bin/chromium'), files: benchFiles(dir), page: `${page}?${search}`, extraFlags,
  });
}

// What the benchmark pages fetch: engine.wasm (--engine), the plugins (--plugins), the session
// directory written by engine_bench_session and the engine's sources (the pages import its
// JavaScript host).
export function benchFiles(sessionDir) {
  return {
    '/files/engine.wasm': option('--engine', join(repository, 'build/wasm/engine/engine.wasm')),
    '/files/plugins/': option('--plugins', join(repository, 'build/wasm/plugins')),
    '/files/session/': sessionDir,
    '/engine/': join(repository, 'engine'),
  };
}

// files: URL path prefix -> file or directory ('/files/plugins/' -> a directory: its prefix ends
// in '/'). page: the URL path and query Chromium opens. extraFlags: more Chromium flags.
// The process exits with 0 once the page has reported, 1 if the report holds "error:" or the
// page never reported.
export function runInChromium({ name, chromium, files, page, extraFlags = [] }) {
  if (!existsSync(chromium)) {
    process.stderr.write(`${name}: no Chromium at ${chromium}; install it (apt-get install chromium) or pass --chromium PATH\n`);
    process.exit(2);
  }

  // A URL path to a file under one of `files`' roots, or null (nothing outside them is served).
  const fileFor = (path) => {
    for (const [prefix, target] of Object.entries(files)) {
      if (path === prefix) return target;
      if (prefix.endsWith('/') && path.startsWith(prefix)) {
        const rest = normalize(path.slice(prefix.length));
        return rest.startsWith('..') ? null : join(target, rest);
      }
    }
    return null;
  };

  let browser = null;
  let reported = false;
  const profile = mkdtempSync(join(tmpdir(), `${name}-`));
  // Stops Chromium, then (once it has let go of its profile) removes the profile and exits.
  const finish = (code) => {
    process.exitCode = code;
    server.close();
    if (browser === null || browser.exitCode !== null || browser.signalCode !== null) {
      removeProfile(profile);
      process.exit(code);
    }
    browser.kill('SIGKILL');
  };

  const server = createServer((request, response) => {
    const path = new URL(request.url, 'http://127.0.0.1').pathname;
    if (request.method === 'POST' && (path === '/result' || path === '/progress')) {
      let body = '';
      request.on('data', (chunk) => { body += chunk; });
      request.on('end', () => {
        response.end();
        process.stdout.write(`${body}\n`);
        if (path === '/progress') return;
        reported = true;
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
    const url = `http://127.0.0.1:${server.address().port}${page}`;
    browser = spawn(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--user-data-dir=${profile}`, ...extraFlags, url], { stdio: 'ignore' });
    browser.on('exit', (code) => {
      if (!reported) {
        process.stderr.write(`${name}: Chromium exited (${code}) before reporting\n`);
        process.exitCode = 1;
      }
      removeProfile(profile);
      process.exit();
    });
  });
  setTimeout(() => {
    process.stderr.write(`${name}: no result within ${TIMEOUT_MS / 60000} minutes\n`);
    finish(1);
  }, TIMEOUT_MS).unref();
}
