// The engine on the audio thread: engine.wasm and its JavaScript host (engine/js) inside an
// AudioWorkletProcessor. The main thread compiles every module and decodes every source
// (web/src/main/audio/); the `load` command hands them over and everything is instantiated in the
// message handler, never in process(). process() renders one quantum with the engine and copies
// it out through views cut once (and again only if engine memory grew): in steady state it
// creates no objects. The transport state and master peak go to a SharedArrayBuffer when the
// page is cross-origin isolated, else out as a message every REPORT_INTERVAL_SECONDS (the only
// allocation then, and a small one).
import { EngineHost } from '../../../engine/js/engine_host.mjs';
import {
  ENGINE_PROCESSOR_NAME, type EngineCommand, type LoadCommand, METER_FALLOFF_DB_PER_SECOND, RENDER_QUANTUM,
  STATE_PEAK_LEFT, STATE_PEAK_RIGHT, STATE_PLAYING, STATE_POSITION, STATE_SLOTS, type EngineReport,
} from '../shared/engine-protocol';

const REPORT_INTERVAL_SECONDS = 1 / 30;
const FAULT_CHECK_SECONDS = 0.25;
const MASTER = -1;

class EngineProcessor extends AudioWorkletProcessor {
  private engine: EngineHost | null = null;
  private left = new Float32Array(0); // engine output views: length 0 once engine memory grew
  private right = new Float32Array(0);
  private state: Float64Array<ArrayBufferLike> = new Float64Array(STATE_SLOTS);
  private shared = false;
  private readonly falloff = 10 ** ((-METER_FALLOFF_DB_PER_SECOND * RENDER_QUANTUM) / sampleRate / 20);
  private readonly reportEvery = Math.max(1, Math.round((REPORT_INTERVAL_SECONDS * sampleRate) / RENDER_QUANTUM));
  private readonly faultCheckEvery = Math.max(1, Math.round((FAULT_CHECK_SECONDS * sampleRate) / RENDER_QUANTUM));
  private quanta = 0;

  constructor() {
    super();
    this.port.onmessage = (event: MessageEvent<EngineCommand>) => this.command(event.data);
  }

  private report(message: EngineReport): void {
    this.port.postMessage(message);
  }

  private command(command: EngineCommand): void {
    if (command.type === 'load') {
      this.load(command);
      return;
    }
    const engine = this.engine;
    if (engine === null) return;
    if (command.type === 'play') engine.play();
    else if (command.type === 'stop') engine.stop();
    else if (command.type === 'seek') engine.seek(command.frame);
    this.publish(engine);
  }

  private load(command: LoadCommand): void {
    try {
      const engine = new EngineHost(command.engine);
      const loaded = engine.loadSession(command.session);
      if (!loaded.ok) {
        const first = loaded.errors[0];
        this.report({ type: 'error', message: `the session is not valid: ${first.path ? `${first.path}: ` : ''}${first.message}` });
        return;
      }
      for (const plugin of command.plugins) {
        engine.registerPlugin(plugin.module, { sha256: plugin.sha256, sharing: plugin.sharing, format: plugin.format, manifest: plugin.manifest });
      }
      for (const source of command.sources) engine.addSource(source.key, source.sampleRate, source.channels);
      const warnings = engine.prepare(sampleRate, RENDER_QUANTUM, 0);
      engine.setLooping(command.looping);
      if (command.play) engine.play();
      if (command.state !== null) {
        this.state = new Float64Array(command.state);
        this.shared = true;
      }
      this.engine = engine;
      this.cutViews(engine);
      this.publish(engine);
      this.report({ type: 'ready', warnings, latency: engine.latency() });
    } catch (error) {
      this.report({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  private cutViews(engine: EngineHost): void {
    const { memory, we_output: output } = engine.exports;
    this.left = new Float32Array(memory.buffer, output(0), RENDER_QUANTUM);
    this.right = new Float32Array(memory.buffer, output(1), RENDER_QUANTUM);
  }

  private publish(engine: EngineHost): void {
    const exports = engine.exports;
    this.state[STATE_POSITION] = exports.we_position();
    this.state[STATE_PLAYING] = exports.we_playing();
  }

  process(_inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    const engine = this.engine;
    const output = outputs[0];
    if (engine === null || output === undefined || output.length === 0) return true;
    const exports = engine.exports;
    const frames = exports.we_render(RENDER_QUANTUM);
    if (this.left.length === 0) this.cutViews(engine);
    const left = output[0];
    const right = output.length > 1 ? output[1] : null;
    left.set(this.left);
    if (right !== null) right.set(this.right);
    if (frames < RENDER_QUANTUM) {
      left.fill(0, frames);
      if (right !== null) right.fill(0, frames);
    }
    const state = this.state;
    state[STATE_PEAK_LEFT] = Math.max(exports.we_meter_take_peak(MASTER, 0), state[STATE_PEAK_LEFT] * this.falloff);
    state[STATE_PEAK_RIGHT] = Math.max(exports.we_meter_take_peak(MASTER, 1), state[STATE_PEAK_RIGHT] * this.falloff);
    this.publish(engine);
    ++this.quanta;
    if (!this.shared && this.quanta % this.reportEvery === 0) this.report({ type: 'state', state });
    if (this.quanta % this.faultCheckEvery === 0 && exports.we_next_fault() !== 0) this.reportFaults(engine);
    return true;
  }

  // A fault is rare and reported once: reading its texts allocates, then only.
  private reportFaults(engine: EngineHost): void {
    this.report({ type: 'faults', faults: [engine.currentFault(), ...engine.faults()] });
  }
}

registerProcessor(ENGINE_PROCESSOR_NAME, EngineProcessor);
