#!/usr/bin/env node
// node web/bench/plugin_add_bench.mjs [--runs 15] [--vaist build/cli/vaist] [--web web/dist]
//   [--harness build/web/harness] [--chromium /usr/bin/chromium]
// How soon a plugin added to a playing session is heard: the demo session plays in a real-time
// AudioContext in headless Chromium, driven through the studio's own Transport (the harness page),
// and `runs` times a factory utility that inverts the left channel is added to its first track
// with insert.add (its module compiled already: a warm cache) and removed again with undo. Each
// run is timed from the call to the worklet's answer (the batch applied to both copies of the
// session, the graph rebuilt), and the quanta rendered in between are counted: the insert plays
// from the quantum after the answer, so it is heard that long after the call plus one quantum
// plus the context's output latency (printed). Prints each run, the median and the minimum.
import { benchOption, openBenchStudio } from './bench_studio.mjs';

const runs = Number(benchOption('--runs', '15'));
const studio = await openBenchStudio({ harness: true });
try {
  const page = await studio.browser.newPage();
  await page.goto(`${studio.origin}/harness/index.html`);
  await page.waitForFunction(() => 'harness' in window);
  const result = await page.evaluate(async (runs) => {
    const { Transport, ModuleCache, protocol } = window.harness;
    const transport = await Transport.open('/demo/demo.session.json', new ModuleCache(), () => {});
    await transport.play();
    const state = transport.engine.state;
    const wait = (ms) => new Promise((r) => setTimeout(r, ms));
    while (state[protocol.STATE_QUANTA] < 100) await wait(10);
    const track = transport.session.document.tracks[0].id;
    const times = [];
    for (let run = 0; run < runs; ++run) {
      const quanta = state[protocol.STATE_QUANTA];
      const started = performance.now();
      const added = await transport.apply({ format: 'wasm-studio-ops', version: 1, ops: [{ op: 'insert.add', chain: track,
        insert: { id: `bench-${run}`, plugin: { id: 'studio.wasm.utility', format: 'wsp' }, params: { 3: 1 }, state: '', bypass: false } }] });
      const answered = performance.now() - started;
      if (!added.ok) throw new Error(JSON.stringify(added));
      times.push({ answered, quanta: state[protocol.STATE_QUANTA] - quanta });
      await wait(100);
      await transport.undo();
      await wait(100);
    }
    const outputLatencyMs = (transport.context.baseLatency + (transport.context.outputLatency || 0)) * 1000;
    const quantumMs = (128 / transport.context.sampleRate) * 1000;
    await transport.close();
    return { times, outputLatencyMs, quantumMs, tracks: transport.session.document.tracks.length };
  }, runs);
  const answered = result.times.map((t) => t.answered).sort((a, b) => a - b);
  for (const [i, t] of result.times.entries()) console.log(`run ${i + 1}: answered in ${t.answered.toFixed(2)} ms, ${t.quanta} quanta rendered meanwhile`);
  const median = answered[Math.floor(answered.length / 2)];
  console.log(`demo session (${result.tracks} tracks): answered median ${median.toFixed(2)} ms, min ${answered[0].toFixed(2)} ms; `
    + `heard after that + one quantum (${result.quantumMs.toFixed(2)} ms) + output latency ${result.outputLatencyMs.toFixed(1)} ms: `
    + `median ${(median + result.quantumMs + result.outputLatencyMs).toFixed(1)} ms`);
} finally {
  await studio.close();
}
