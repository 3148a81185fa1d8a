#!/usr/bin/env node
// node engine/bench/live_bench.mjs DIR [--seconds S] [--engine engine.wasm] [--plugins DIR]
//      [--sharing K] [--chromium /usr/bin/chromium]
// Issue 14's real-time check in headless Chromium: the session DIR/session.json (written by
// `engine_bench_session DIR`) played for S seconds (default 60) by engine.wasm in the AudioWorklet
// of a live AudioContext, and the render quanta that came late, counted in the worklet
// (browser/engine_bench_processor.mjs) and reported.
import { TRUSTED_MODULE_SHARING } from '../js/engine_host.mjs';
import { runBenchPage } from './browser_bench_server.mjs';

runBenchPage({
  name: 'live_bench',
  usage: '[--seconds S]',
  page: '/engine/bench/browser/live_bench.html',
  query: { seconds: '60', sharing: String(TRUSTED_MODULE_SHARING) },
  // A live context must start without a click.
  extraFlags: ['--autoplay-policy=no-user-gesture-required'],
});
