// The engine on the audio thread: engine.wasm and its JavaScript host (engine/js) inside an
// AudioWorkletProcessor. The main thread compiles every module and decodes every source
// (web/src/main/audio/); the `load` command hands them over and everything is instantiated in the
// message handler, never in process(). Session operations arrive as messages too and are applied
// there, between quanta: the graph is rebuilt and takes over at the next quantum's start.
//
// process() reads the control ring (parameter changes, notes, fader moves, transport) and hands
// each record due in this quantum to the engine at its frame, renders one quantum, copies it out
// through views cut once, and publishes the transport state, meters and CPU times into shared
// memory. It creates no objects, faults included (a flag; the page asks for the reports). Without
// shared memory (a page that is not cross-origin isolated) commands come as messages, and the
// state goes out as a message every REPORT_INTERVAL_SECONDS and faults as they come (the only
// allocations then, and small ones).
import { EngineHost } from '../../../engine/js/engine_host.mjs';
import {
  CODE, ControlRingReader, R_CHANNEL, R_CODE, R_FRAME, R_ID, R_SLOT, R_TRACK, R_VALUE,
} from '../shared/control-ring';
import {
  ENGINE_PROCESSOR_NAME, type EngineCommand, type EngineReport, type GraphLayout, type LoadCommand, MASTER_TRACK_KEY,
  METER_FALLOFF_DB_PER_SECOND, type OpsResult, RENDER_QUANTUM, STATE_APPLIED_FRAME, STATE_APPLIED_QUANTUM, STATE_EDITING, STATE_FAULT_WAITING, STATE_LATE_QUANTA, STATE_LOAD,
  STATE_PEAK_LEFT, STATE_PEAK_RIGHT, STATE_PLAYING, STATE_POSITION, STATE_QUANTA, STATE_RING_DROPPED, STATE_SLOTS,
  STATS_INTERVAL_SECONDS, TRACK_STAT, type TrackKeys,
} from '../shared/engine-protocol';

const REPORT_INTERVAL_SECONDS = 1 / 30;
const FAULT_CHECK_SECONDS = 0.25;
const MASTER = -1;
const NO_TRACK = -2;
// Output behind the wall clock by more than this (past the least it has been since playback
// started) means the device went without audio: the quanta it missed count as late. Callbacks
// come in bursts of a device buffer (up to ~20 ms), so less cannot be told from jitter.
const LATE_THRESHOLD_MS = 25;
// The CPU loads in the stats are exponential averages with this time constant.
const LOAD_SECONDS = 1;

class EngineProcessor extends AudioWorkletProcessor {
  private engine: EngineHost | null = null;
  private left = new Float32Array(0); // engine output views: length 0 once engine memory grew
  private right = new Float32Array(0);
  private state: Float64Array<ArrayBufferLike> = new Float64Array(STATE_SLOTS);
  private shared = false;
  private ring: ControlRingReader | null = null;
  private trackKeys: TrackKeys = {};
  // Track key -> index in the engine's processing order (-1 master, NO_TRACK gone); renewed after
  // every build.
  private trackIndex = new Int32Array(1);
  private modules: string[] = [''];
  private statsView = new Float64Array(0); // engine memory: what we_take_stats fills
  private stats: Float64Array<ArrayBufferLike> = new Float64Array(0); // published: shared
  private meteredSlots = new Int32Array(0); // stats slots that hold seconds (turned into loads)
  private peakSlots = new Int32Array(0); // stats slots that hold peaks
  private loudnessSlots = new Int32Array(0); // stats slots that hold a running K-weighted power
  // The master's peaks: process() takes them from the engine every quantum (for STATE_PEAK_*),
  // which resets them there, so they are kept here for the stats' master slots too.
  private masterAt = 0;
  private fresh = true; // the stats were just cut: the first loads start the averages
  private readonly masterPeak = new Float64Array(2);
  private readonly falloff = 10 ** ((-METER_FALLOFF_DB_PER_SECOND * RENDER_QUANTUM) / sampleRate / 20);
  private readonly reportEvery = Math.max(1, Math.round((REPORT_INTERVAL_SECONDS * sampleRate) / RENDER_QUANTUM));
  private readonly faultCheckEvery = Math.max(1, Math.round((FAULT_CHECK_SECONDS * sampleRate) / RENDER_QUANTUM));
  private readonly statsEvery = Math.max(1, Math.round((STATS_INTERVAL_SECONDS * sampleRate) / RENDER_QUANTUM));
  private quanta = 0;
  private engineMs = 0; // Date.now() ticks spent in the engine this stats interval
  private lagBaseline = Infinity;
  private wasPlaying = false;

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
    switch (command.type) {
      case 'ops':
        this.edit(command.id, command.tracks, () => engine.applyOps(command.batch) as OpsResult);
        break;
      case 'undo':
        this.edit(command.id, command.tracks, () => engine.undo() as OpsResult);
        break;
      case 'redo':
        this.edit(command.id, command.tracks, () => engine.redo() as OpsResult);
        break;
      case 'register':
        try {
          this.register(engine, command.plugins);
        } catch (error) {
          this.report({ type: 'error', message: error instanceof Error ? error.message : String(error) });
        }
        break;
      case 'sources':
        try {
          for (const source of command.sources) engine.addSource(source.key, source.sampleRate, source.channels);
        } catch (error) {
          this.report({ type: 'error', message: error instanceof Error ? error.message : String(error) });
        }
        // Engine memory may have grown: the output and stats views are cut again here rather
        // than found empty in process().
        this.cutViews(engine);
        break;
      case 'faults':
        this.state[STATE_FAULT_WAITING] = 0;
        this.report({ type: 'faults', faults: engine.faults() });  // an answer, even an empty one
        break;
      case 'play': engine.play(); break;
      case 'stop': engine.stop(); break;
      case 'seek': engine.seek(command.frame); break;
      case 'live':
        this.apply(engine, command.code, command.track, command.slot, command.id, command.value, 0, 0);
        break;
      case 'loudness': engine.meterLoudness(command.track); break;
    }
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
      this.modules = [''];
      this.register(engine, command.plugins);
      for (const source of command.sources) engine.addSource(source.key, source.sampleRate, source.channels);
      engine.setMeterCpu(command.meterCpu === true);
      const warnings = engine.prepare(sampleRate, RENDER_QUANTUM, 0);
      engine.setLooping(command.looping);
      if (command.play) engine.play();
      if (command.state !== null) {
        this.state = new Float64Array(command.state);
        this.shared = true;
      }
      this.ring = command.ring ? new ControlRingReader(command.ring) : null;
      this.engine = engine;
      this.trackKeys = command.tracks ?? {};
      const graph = this.rebuilt(engine);
      this.publish(engine);
      const running = engine.plugins.running.buffer;
      this.report({ type: 'ready', warnings, latency: engine.latency(), graph, running: running instanceof SharedArrayBuffer ? running : null });
    } catch (error) {
      this.report({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  // Plugin modules for the engine, named by module handle for the stall watchdog.
  private register(engine: EngineHost, plugins: LoadCommand['plugins']): void {
    for (const plugin of plugins) {
      const descriptor = engine.registerPlugin(plugin.module, {
        sha256: plugin.sha256, sharing: plugin.sharing, format: plugin.format, manifest: plugin.manifest,
      }) as { name?: string; id?: string };
      this.modules.push(String(descriptor.name ?? descriptor.id ?? 'plugin'));
    }
  }

  // A batch of operations, an undo or a redo on the worklet's copy of the session; when applied,
  // the graph is rebuilt now, between quanta, and plays from the next one.
  private edit(id: number, tracks: TrackKeys, change: () => OpsResult): void {
    const engine = this.engine!;
    this.state[STATE_EDITING] = 1;  // the stall watchdog allows a build more time
    try {
      let result: OpsResult;
      try {
        result = change();
      } catch (error) {
        result = { ok: false, errors: [{ path: '', message: error instanceof Error ? error.message : String(error) }] };
      }
      if (!result.ok) {
        this.report({ type: 'ops-result', id, result, warnings: [], graph: null });
        return;
      }
      this.trackKeys = tracks;
      const warnings = engine.prepare(sampleRate, RENDER_QUANTUM, 0);
      this.report({ type: 'ops-result', id, result, warnings, graph: this.rebuilt(engine) });
    } finally {
      this.state[STATE_EDITING] = 0;
    }
  }

  // After a build: the track keys' indexes, the stats views and the layout the page reads them by.
  private rebuilt(engine: EngineHost): GraphLayout {
    this.cutViews(engine);
    const ids = engine.trackIds();
    const keys = Object.entries(this.trackKeys);
    const size = Math.max(MASTER_TRACK_KEY, ...keys.map(([, key]) => key)) + 1;
    this.trackIndex = new Int32Array(size).fill(NO_TRACK);
    this.trackIndex[MASTER_TRACK_KEY] = MASTER;
    for (const [id, key] of keys) this.trackIndex[key] = ids.indexOf(id) >= 0 ? ids.indexOf(id) : NO_TRACK;
    const tracks = engine.statsLayout();
    this.masterAt = tracks[tracks.length - 1].at;  // the master comes last
    const slots = engine.exports.we_stats_slots();
    const buffer = this.shared ? new SharedArrayBuffer(slots * Float64Array.BYTES_PER_ELEMENT) : null;
    this.stats = buffer !== null ? new Float64Array(buffer) : new Float64Array(slots);
    const metered: number[] = [];
    const peaks: number[] = [];
    const loudness: number[] = [];
    for (const track of tracks) {
      peaks.push(track.at + TRACK_STAT.PeakLeft, track.at + TRACK_STAT.PeakRight);
      metered.push(track.at + TRACK_STAT.Cpu);
      loudness.push(track.at + TRACK_STAT.LoudnessPower);
      for (const insert of track.inserts) metered.push(insert.at);
    }
    this.meteredSlots = Int32Array.from(metered);
    this.peakSlots = Int32Array.from(peaks);
    this.loudnessSlots = Int32Array.from(loudness);
    this.fresh = true;
    return { tracks, stats: buffer, modules: this.modules };
  }

  private cutViews(engine: EngineHost): void {
    const exports = engine.exports;
    const buffer = exports.memory.buffer;
    this.left = new Float32Array(buffer, exports.we_output(0), RENDER_QUANTUM);
    this.right = new Float32Array(buffer, exports.we_output(1), RENDER_QUANTUM);
    this.statsView = new Float64Array(buffer, exports.we_take_stats(), exports.we_stats_slots());
  }

  private publish(engine: EngineHost): void {
    const exports = engine.exports;
    this.state[STATE_POSITION] = exports.we_position();
    this.state[STATE_PLAYING] = exports.we_playing();
  }

  // One control record into the engine, at `offset` frames into the coming quantum.
  private apply(engine: EngineHost, code: number, trackKey: number, slot: number, id: number, value: number, offset: number, channel: number): void {
    switch (code) {
      case CODE.Play: engine.play(); return;
      case CODE.Stop: engine.stop(); return;
      case CODE.Seek: engine.seek(value); return;
      case CODE.Loop: engine.setLooping(value !== 0); return;
    }
    const track = trackKey >= 0 && trackKey < this.trackIndex.length ? this.trackIndex[trackKey] : NO_TRACK;
    if (track === NO_TRACK) return;  // a track no longer there: its edit removed it
    if (!engine.live(code, track, slot, id, value, offset, channel)) this.state[STATE_RING_DROPPED] += 1;
  }

  // The ring's records due before this quantum ends, in the order written (a record for a later
  // quantum holds back the ones after it).
  private drainRing(engine: EngineHost, ring: ControlRingReader): void {
    const waiting = ring.available();
    if (waiting === 0) return;
    const r = ring.data;
    const start = currentFrame;
    let taken = 0;
    for (; taken < waiting; ++taken) {
      const at = ring.at(taken);
      const frame = r[at + R_FRAME];
      if (frame >= start + RENDER_QUANTUM) break;
      const offset = frame > start ? frame - start : 0;
      this.apply(engine, r[at + R_CODE], r[at + R_TRACK], r[at + R_SLOT], r[at + R_ID], r[at + R_VALUE], offset, r[at + R_CHANNEL]);
      this.state[STATE_APPLIED_FRAME] = start + offset;
      this.state[STATE_APPLIED_QUANTUM] = this.quanta;
    }
    ring.consume(taken);
  }

  process(_inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    const engine = this.engine;
    const output = outputs[0];
    if (engine === null || output === undefined || output.length === 0) return true;
    const exports = engine.exports;
    if (this.ring !== null) this.drainRing(engine, this.ring);
    const before = Date.now();
    const frames = exports.we_render(RENDER_QUANTUM);
    const after = Date.now();
    this.engineMs += after - before;
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
    const peakLeft = exports.we_meter_take_peak(MASTER, 0);
    const peakRight = exports.we_meter_take_peak(MASTER, 1);
    state[STATE_PEAK_LEFT] = Math.max(peakLeft, state[STATE_PEAK_LEFT] * this.falloff);
    state[STATE_PEAK_RIGHT] = Math.max(peakRight, state[STATE_PEAK_RIGHT] * this.falloff);
    this.masterPeak[0] = Math.max(this.masterPeak[0], peakLeft);
    this.masterPeak[1] = Math.max(this.masterPeak[1], peakRight);
    this.publish(engine);
    this.countLateness(after);
    state[STATE_QUANTA] = ++this.quanta;
    if (this.quanta % this.statsEvery === 0) this.takeStats(engine);
    if (!this.shared && this.quanta % this.reportEvery === 0) this.report({ type: 'state', state });
    if (this.quanta % this.faultCheckEvery === 0 && exports.we_fault_waiting() !== 0) this.faultWaiting(engine);
    return true;
  }

  // A plugin faulted. With shared memory a flag says so and the page asks for the reports, which
  // are read (their texts allocate) in the message handler, not here. Without, they are posted
  // now: the fallback's one allocation besides its state messages, once per fault.
  private faultWaiting(engine: EngineHost): void {
    if (this.shared) this.state[STATE_FAULT_WAITING] = 1;
    else this.report({ type: 'faults', faults: engine.faults() });
  }

  // Meters and CPU times into the published stats: peaks held with the falloff, seconds turned
  // into the share of real time of the interval.
  private takeStats(engine: EngineHost): void {
    engine.exports.we_take_stats();
    if (this.statsView.length === 0) return;  // engine memory grew: cut again at the next take
    const from = this.statsView;
    const to = this.stats;
    const falloff = this.falloff ** this.statsEvery;
    const peaks = this.peakSlots;
    for (let i = 0; i < peaks.length; ++i) to[peaks[i]] = Math.max(from[peaks[i]], to[peaks[i]] * falloff);
    const loudness = this.loudnessSlots;  // already an average: the latest reading is the one
    for (let i = 0; i < loudness.length; ++i) to[loudness[i]] = from[loudness[i]];
    for (let c = 0; c < 2; ++c) {
      to[this.masterAt + c] = Math.max(to[this.masterAt + c], this.masterPeak[c]);
      this.masterPeak[c] = 0;
    }
    // Loads are averaged over about LOAD_SECONDS: one interval's reading rests on a few
    // millisecond ticks of a clock read in one block in eight (EW-14), too coarse to show alone.
    const interval = (this.statsEvery * RENDER_QUANTUM) / sampleRate;
    const weight = Math.min(1, interval / LOAD_SECONDS);
    const metered = this.meteredSlots;
    for (let i = 0; i < metered.length; ++i) {
      const slot = metered[i];
      to[slot] = this.fresh ? from[slot] / interval : to[slot] + weight * (from[slot] / interval - to[slot]);
    }
    this.fresh = false;
    this.state[STATE_LOAD] = this.engineMs / 1000 / interval;
    this.engineMs = 0;
  }

  // STATE_LATE_QUANTA: how far the output fell behind the wall clock, in quanta, counted when it
  // falls behind by more than LATE_THRESHOLD_MS at once; from the start of playback.
  private countLateness(now: number): void {
    const playing = this.state[STATE_PLAYING] !== 0;
    if (playing && !this.wasPlaying) {
      this.lagBaseline = Infinity;
      this.state[STATE_LATE_QUANTA] = 0;
    }
    this.wasPlaying = playing;
    if (!playing) return;
    const lag = now - (currentFrame * 1000) / sampleRate;
    if (lag < this.lagBaseline) this.lagBaseline = lag;
    if (lag - this.lagBaseline > LATE_THRESHOLD_MS) {
      this.state[STATE_LATE_QUANTA] += Math.round(((lag - this.lagBaseline) * sampleRate) / 1000 / RENDER_QUANTUM);
      this.lagBaseline = lag;
    }
  }

}

registerProcessor(ENGINE_PROCESSOR_NAME, EngineProcessor);
