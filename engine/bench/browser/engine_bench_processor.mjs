// engine.wasm in an AudioWorkletProcessor, for the benchmark pages (web_audio_bench.html): the
// engine and its plugins as the studio's worklet runs them (web/src/worklet/engine-processor.ts),
// without the studio's transport and meter reporting. The page posts { engine, session, plugins,
// sources, sharing } (compiled modules, the session's text, decoded audio); everything is
// instantiated in the message handler, then process() renders one quantum per call.
//
// Live contexts (a real-time AudioContext) also count late render quanta: the worklet has no
// `performance`, so it compares the wall clock (Date.now(), whole milliseconds) with the audio
// clock (currentTime, the frames rendered so far). While rendering keeps up, the wall clock runs
// at most one output buffer ahead of the audio clock; a quantum whose call starts more than
// `lateMs` behind the best lead seen so far is late (the device has had to play something else).
import { EngineHost } from '../../js/engine_host.mjs';

const QUANTUM = 128;

class BenchEngineProcessor extends AudioWorkletProcessor {
  constructor(options) {
    super();
    this.engine = null;
    this.left = new Float32Array(0);
    this.right = new Float32Array(0);
    this.lateMs = options.processorOptions?.lateMs ?? Infinity;
    this.quanta = 0;
    this.late = 0;
    this.worstLagMs = 0;
    this.slowestCallMs = 0;
    this.bestLead = Infinity; // least (wall - audio) clock difference seen: the reference
    this.port.onmessage = (event) => this.command(event.data);
  }

  command(message) {
    if (message.type === 'load') this.load(message);
    else if (message.type === 'report') this.port.postMessage(this.lateness());
    else if (message.type === 'dispose') this.dispose();
  }

  load({ engine: engineModule, session, plugins, sources, sharing }) {
    try {
      const engine = new EngineHost(engineModule);
      const loaded = engine.loadSession(session);
      if (!loaded.ok) throw new Error(`the session is not valid: ${JSON.stringify(loaded.errors[0])}`);
      for (const module of plugins) engine.registerPlugin(module, { sharing });
      for (const source of sources) engine.addSource(source.key, source.sampleRate, source.channels);
      const warnings = engine.prepare(sampleRate, QUANTUM, 0);
      if (warnings.length > 0) throw new Error(warnings.join('\n'));
      engine.setLooping(true);
      engine.play();
      this.engine = engine;
      this.port.postMessage({ type: 'ready' });
    } catch (error) {
      this.port.postMessage({ type: 'error', message: `${error.stack ?? error}` });
    }
  }

  // Lets go of the engine and collects it where the page was started with --js-flags=--expose-gc:
  // every instance holds a WebAssembly.Memory, whose address-space reservation a renderer
  // process has room for about 124 of (docs/engine-wasm.md, EW-2), and a finished
  // OfflineAudioContext's worklet is not collected soon enough for the next rounds.
  dispose() {
    this.engine = null;
    this.left = new Float32Array(0);
    this.right = new Float32Array(0);
    globalThis.gc?.();
    this.port.postMessage({ type: 'disposed' });
  }

  lateness() {
    const faults = this.engine === null ? [] : this.engine.faults();
    return {
      type: 'lateness', quanta: this.quanta, late: this.late,
      worstLagMs: this.worstLagMs, slowestCallMs: this.slowestCallMs, faults,
    };
  }

  process(_inputs, outputs) {
    const engine = this.engine;
    const output = outputs[0];
    if (engine === null) return true;
    const started = this.lateMs === Infinity ? 0 : Date.now();
    if (started !== 0) this.checkLateness(started);
    const exports = engine.exports;
    const frames = exports.we_render(QUANTUM);
    if (this.left.length === 0 || this.left.buffer !== exports.memory.buffer) {
      this.left = new Float32Array(exports.memory.buffer, exports.we_output(0), QUANTUM);
      this.right = new Float32Array(exports.memory.buffer, exports.we_output(1), QUANTUM);
    }
    output[0].set(this.left);
    output[1].set(this.right);
    if (frames < QUANTUM) {
      output[0].fill(0, frames);
      output[1].fill(0, frames);
    }
    if (started !== 0) this.slowestCallMs = Math.max(this.slowestCallMs, Date.now() - started);
    ++this.quanta;
    return true;
  }

  checkLateness(wallMs) {
    const lead = wallMs - currentTime * 1000;
    this.bestLead = Math.min(this.bestLead, lead);
    const lag = lead - this.bestLead;
    this.worstLagMs = Math.max(this.worstLagMs, lag);
    if (lag > this.lateMs) {
      ++this.late;
      // The device played something else meanwhile: the audio clock is now that far behind for
      // good, so the reference moves, and only new lateness counts again.
      this.bestLead = lead;
    }
  }
}

registerProcessor('bench-engine', BenchEngineProcessor);
