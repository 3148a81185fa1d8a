#!/usr/bin/env node
// node engine/bench/live_bench.mjs DIR [--seconds S] [--engine engine.wasm] [--plugins DIR]
//      [--sharing K] [--chromium /usr/bin/chromium]
// Issue 14's real-time check in headless Chromium: the session DIR/session.json (written by
// `engine_bench_session DIR`) played for S seconds (default 60) by engine.wasm in the AudioWorklet
// of a live AudioContext, and the render quanta that came late, counted in the worklet
// (browser/engine_bench_processor.mjs) and reported.
import { TRUSTED_MODULE_SHARING } from '../js/engine_host.mjs';
import { args, option } from './bench_options.mjs';
import { benchFiles, runInChromium } from './browser_bench_server.mjs';

const dir = args[0];
if (!dir || dir.startsWith('-')) {
  process.stderr.write('usage: node live_bench.mjs DIR [--seconds S] [--engine F] [--plugins DIR] [--sharing K] [--chromium PATH]\n');
  process.exit(2);
}
const query = new URLSearchParams({
  seconds: option('--seconds', '60'),
  sharing: option('--sharing', String(TRUSTED_MODULE_SHARING)),
});
runInChromium({
  name: 'live_bench',
  chromium: option('--chromium', '/usr/bin/chromium'),
  files: benchFiles(dir),
  page: `/engine/bench/browser/live_bench.html?${query}`,
  // A live context must start without a click.
  extraFlags: ['--autoplay-policy=no-user-gesture-required'],
});
