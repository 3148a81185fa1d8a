#!/usr/bin/env node
// node engine/bench/engine_browser_bench.mjs DIR [--engine engine.wasm] [--plugins DIR]
//      [--seconds S] [--repetitions N] [--sharing K] [--chromium /usr/bin/chromium]
// The benchmark of engine_wasm_bench.mjs in headless Chromium (apt-get install chromium), in a
// Web Worker: the same engine.wasm and plugins in the browser's V8, where the studio runs them.
// Serves the files on 127.0.0.1, starts Chromium on the page browser/engine_bench.html, prints
// what it posts back and stops both. Also reports how many wasm memories the renderer process
// can hold, the limit behind sharing plugin instances (EW-2).
import { TRUSTED_MODULE_SHARING } from '../js/engine_host.mjs';
import { runBenchPage } from './browser_bench_server.mjs';

runBenchPage({
  name: 'engine_browser_bench',
  usage: '[--seconds S] [--repetitions N]',
  page: '/engine/bench/browser/engine_bench.html',
  query: { seconds: '4', repetitions: '5', sharing: String(TRUSTED_MODULE_SHARING) },
});
