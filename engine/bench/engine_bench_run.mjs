// The 64-track benchmark as engine.wasm runs it: shared by engine_wasm_bench.mjs (Node) and the
// browser page of engine_browser_bench.mjs, so both measure the same thing. No Node API.
import { EngineHost } from '../js/engine_host.mjs';
import { factoryPluginName, sessionNeeds } from '../js/session_render.mjs';

export const RATE = 48000;
export const BLOCKS = [128, 512];
export const SESSIONS = [['64 tracks, all plugins', 'session.json'],
                         ['64 tracks, every plugin bypassed', 'bypassed.session.json']];
const WARM_UP_SECONDS = 2;

// The names of the factory plugins a session (its JSON text) uses: "studio.wasm.eq" is eq.wasm.
export const pluginNames = (sessionText) => sessionNeeds(JSON.parse(sessionText)).plugins.map(factoryPluginName);

// An engine playing the session (written by engine_bench_session), its plugins registered with
// `sharing` instances per WebAssembly.Instance (EW-2), prepared for `block`-frame blocks.
// modules: plugin name -> WebAssembly.Module; noise: decoded noise.wav.
export function playingEngine({ engineModule, sessionText, modules, noise, block, sharing }) {
  const engine = new EngineHost(engineModule);
  const loaded = engine.loadSession(sessionText);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  for (const name of pluginNames(sessionText)) engine.registerPlugin(modules.get(name), { sharing });
  engine.addSource('noise.wav', noise.sampleRate, noise.channels);
  const warnings = engine.prepare(RATE, block, 0);
  if (warnings.length > 0) throw new Error(warnings.join('\n'));
  engine.play();
  return engine;
}

// After a warm-up, renders `seconds` of audio `repetitions` times and returns the least time per
// block, in microseconds of `clock()` (CPU time under Node; wall time in a browser, which has no
// CPU clock).
export function leastTimePerBlock(engine, block, { seconds, repetitions, clock }) {
  for (let i = 0; i < Math.round((WARM_UP_SECONDS * RATE) / block); ++i) engine.render(block);
  const blocks = Math.round((seconds * RATE) / block);
  let best = Infinity;
  for (let r = 0; r < repetitions; ++r) {
    const started = clock();
    for (let i = 0; i < blocks; ++i) engine.render(block);
    best = Math.min(best, (clock() - started) / blocks);
  }
  if (engine.faults().length > 0) throw new Error('a plugin faulted during the benchmark');
  return best;
}

// One line of the report.
export function reportLine(label, block, microseconds) {
  const realtime = (block / RATE) * 1e6 / microseconds;
  return `${label.padEnd(42)} ${String(block).padStart(5)} ${microseconds.toFixed(1).padStart(11)} us ${realtime.toFixed(2).padStart(11)}`;
}
export const REPORT_HEADER = 'benchmark                                  block  time per block  x real time';
