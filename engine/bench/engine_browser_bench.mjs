#!/usr/bin/env node
// node engine/bench/engine_browser_bench.mjs DIR [--engine engine.wasm] [--plugins DIR]
//      [--seconds S] [--repetitions N] [--sharing K] [--chromium /usr/bin/chromium]
// The benchmark of engine_wasm_bench.mjs in headless Chromium (apt-get install chromium), in a
// Web Worker: the same engine.wasm and plugins in the browser's V8, where the studio runs them.
// Serves the files on 127.0.0.1, starts Chromium on the page browser/engine_bench.html, prints
// what it posts back and stops both. Also reports how many wasm memories the renderer process
// can hold, the limit behind sharing plugin instances (EW-2).
import { TRUSTED_MODULE_SHARING } from '../js/engine_host.mjs';
import { args, option } from './bench_options.mjs';
import { benchFiles, runInChromium } from './browser_bench_server.mjs';

const dir = args[0];
if (!dir || dir.startsWith('-')) {
  process.stderr.write('usage: node engine_browser_bench.mjs DIR [--engine F] [--plugins DIR] [--seconds S] [--repetitions N] [--sharing K] [--chromium PATH]\n');
  process.exit(2);
}
const query = new URLSearchParams({
  seconds: option('--seconds', '4'),
  repetitions: option('--repetitions', '5'),
  sharing: option('--sharing', String(TRUSTED_MODULE_SHARING)),
});
runInChromium({
  name: 'engine_browser_bench',
  chromium: option('--chromium', '/usr/bin/chromium'),
  files: benchFiles(dir),
  page: `/engine/bench/browser/engine_bench.html?${query}`,
});
