#!/usr/bin/env node
// node engine/bench/web_audio_bench.mjs DIR [--seconds S] [--runs N] [--engine engine.wasm]
//      [--plugins DIR] [--sharing K] [--chromium /usr/bin/chromium]
// Issue 14's side-by-side benchmark in headless Chromium (apt-get install chromium): the session
// DIR/session.json (written by `engine_bench_session DIR`) rendered through an
// OfflineAudioContext by engine.wasm in an AudioWorklet and by a graph of the browser's own nodes
// built from the same session (browser/web_audio_graph.mjs), alternating, N rounds of S seconds
// after a warm-up round. Prints each round (times real time, output RMS and peak) and the
// median, minimum and maximum of each side and of the per-round ratio.
import { TRUSTED_MODULE_SHARING } from '../js/engine_host.mjs';
import { runBenchPage } from './browser_bench_server.mjs';

runBenchPage({
  name: 'web_audio_bench',
  usage: '[--seconds S] [--runs N]',
  page: '/engine/bench/browser/web_audio_bench.html',
  query: { seconds: '8', runs: '5', sharing: String(TRUSTED_MODULE_SHARING) },
  // Each round's worklet lets go of its engine and collects it (engine_bench_processor.mjs).
  extraFlags: ['--js-flags=--expose-gc'],
});
