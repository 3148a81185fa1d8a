// engine.wasm with its plugins: instantiates the engine with the wstudio_plugin imports
// (plugin_imports.mjs, with wsp_plugins.mjs and vaist_plugins.mjs) and wraps its exports (docs/engine-wasm.md) in a small JavaScript API.
// No Node API and no API an AudioWorkletGlobalScope lacks (TextDecoder, TextEncoder, performance):
// the same module runs in an AudioWorklet, given the compiled WebAssembly.Modules.
import { PLUGIN_IMPORTS_MODULE, PLUGIN_IMPORTS_VERSION, TRACK_STAT_SLOTS } from './generated/wsp_boundary.mjs';
import { decodeUtf8, encodeUtf8 } from './utf8.mjs';
import { PluginImports, RUNNING_INSTANCE, RUNNING_MODULE } from './plugin_imports.mjs';
import { TRUSTED_MODULE_SHARING, inspectWspModule } from './wsp_plugins.mjs';

export { RUNNING_INSTANCE, RUNNING_MODULE, TRUSTED_MODULE_SHARING };

// What we_version() must return: the version of the boundary table (abi/boundary.json) both
// engine.wasm and this host were built from.
export const ENGINE_INTERFACE_VERSION = PLUGIN_IMPORTS_VERSION;

const WASI_EBADF = 8;

// The engine's clock in milliseconds: performance.now() where there is one. Chromium's
// AudioWorkletGlobalScope has no `performance`; there Date.now() stands in, held from going
// backwards (steady_clock must be monotonic, and the wall clock can be set back), at whole
// milliseconds: the plugin time budget, off by default in a JavaScript host (prepare()), is
// then measured at that resolution.
export function monotonicClock() {
  if (typeof performance !== 'undefined' && typeof performance.now === 'function') return () => performance.now();
  let last = -Infinity;
  return () => {
    last = Math.max(last, Date.now());
    return last;
  };
}

// libc's stdio is linked into engine.wasm (snprintf) but never writes: its descriptor calls fail.
// clock_time_get feeds std::chrono::steady_clock, which times plugin calls against the budget.
// It is called around every track and insert when CPU time is metered, on the audio thread: it
// creates no objects (no BigInt, a DataView renewed only when memory grew).
function wasiImports(memory, now) {
  let view = null;
  return {
    clock_time_get(_clock, _precision, resultAddress) {
      if (view === null || view.buffer !== memory().buffer) view = new DataView(memory().buffer);
      const nanoseconds = Math.round(now() * 1e6);
      const high = Math.floor(nanoseconds / 2 ** 32);
      view.setUint32(resultAddress, nanoseconds - high * 2 ** 32, true);
      view.setUint32(resultAddress + 4, high, true);
      return 0;
    },
    fd_write: () => WASI_EBADF,
    fd_seek: () => WASI_EBADF,
    fd_close: () => WASI_EBADF,
  };
}

export class EngineHost {
  // `engineModule`: engine.wasm compiled (WebAssembly.Module). `now`: the clock in ms
  // (monotonicClock() unless the caller has a better one).
  constructor(engineModule, { now = monotonicClock() } = {}) {
    this.plugins = new PluginImports();
    let memory = null;
    const instance = new WebAssembly.Instance(engineModule, {
      [PLUGIN_IMPORTS_MODULE]: this.plugins.imports(),
      wasi_snapshot_preview1: wasiImports(() => memory, now),
    });
    this.exports = instance.exports;
    memory = this.exports.memory;
    this.plugins.engineMemory = memory;
    this.exports._initialize();
    if (this.exports.we_version() !== ENGINE_INTERFACE_VERSION) {
      throw new Error(`engine.wasm speaks interface version ${this.exports.we_version()}, this host ${ENGINE_INTERFACE_VERSION}`);
    }
    this.maxBlockFrames = 0;
  }

  // ---- strings across the boundary
  string(address) {
    const bytes = new Uint8Array(this.exports.memory.buffer);
    const end = bytes.indexOf(0, address);
    return decodeUtf8(bytes.subarray(address, end));
  }

  // Calls fn(address, length) with `text` (a string, or UTF-8 bytes as they came from a file)
  // in engine memory, then frees it.
  withText(text, fn) {
    const encoded = typeof text === 'string' ? encodeUtf8(text) : text;
    const address = encoded.length > 0 ? this.exports.we_alloc(encoded.length) : 0;
    if (encoded.length > 0) new Uint8Array(this.exports.memory.buffer).set(encoded, address);
    try {
      return fn(address, encoded.length);
    } finally {
      if (address) this.exports.we_free(address);
    }
  }

  // ---- session [main]: { ok, errors: [{ path, message }] } (EW-11: never throws on bad input).
  // jsonText: a string, or the file's bytes (Uint8Array), which need not be valid UTF-8.
  loadSession(jsonText) {
    const count = this.withText(jsonText, (a, n) => this.exports.we_load_session(a, n));
    const errors = [];
    for (let i = 0; i < count; ++i) {
      errors.push({ path: this.string(this.exports.we_issue_path(i)), message: this.string(this.exports.we_issue_message(i)) });
    }
    return { ok: count === 0, errors };
  }

  // ---- session operations [main] (docs/session-ops.md): applied by the session library in
  // engine.wasm, all or nothing (OPS-1, OPS-4). batch: an object or its JSON text. Each returns
  // { ok: true, revision, inverse } or { ok: false, op?, errors: [{ path, message }] } (OPS-8).
  // The engine plays the edited session from the next prepare().
  applyOps(batch) {
    const text = typeof batch === 'string' || batch instanceof Uint8Array ? batch : JSON.stringify(batch);
    return JSON.parse(this.string(this.withText(text, (a, n) => this.exports.we_apply_ops(a, n))));
  }
  undo() { return JSON.parse(this.string(this.exports.we_undo())); }
  redo() { return JSON.parse(this.string(this.exports.we_redo())); }
  // The loaded session's canonical text ('' without one).
  sessionText() { return this.string(this.exports.we_session_json()); }
  // What changed in the session since the last call or the load (docs/session-format.md,
  // "Changes"): { tracks: [ids], changed: { id: track }, members: { name: value }, removed: [name] };
  // null without a session.
  sessionChanges() {
    const text = this.string(this.exports.we_session_changes());
    return text === '' ? null : JSON.parse(text);
  }

  // ---- plugins [main]: a compiled plugin; returns its descriptor. Throws on a bad module.
  // format 'wsp' (the default): sharing is how many of its instances may share one
  // WebAssembly.Instance (EW-2); more than 1 only for modules the application trusts
  // (TRUSTED_MODULE_SHARING for the factory plugins).
  // format 'vaist': a vAIst Forge module with its manifest (an object or its JSON text, from the
  // server or `vaist plugin info --manifest`); never shared (VA-2). The caller checks that the
  // module's bytes are the ones the manifest names (manifest.sha256); sha256 defaults to it.
  registerPlugin(module, { sha256 = '', sharing = 1, format = 'wsp', manifest = null } = {}) {
    let handle;
    let descriptor;
    let text;
    if (format === 'vaist') {
      if (sharing !== 1) throw new Error('a vAIst plugin instance never shares its WebAssembly.Instance (sharing must be 1)');
      handle = this.plugins.vaist.addModule(module, manifest);
      const entry = this.plugins.modules[handle];
      descriptor = entry.manifest.descriptor;
      if (sha256 && sha256 !== entry.manifest.sha256) throw new Error(`the vAIst manifest is for module ${entry.manifest.sha256}, not ${sha256}`);
      sha256 = entry.manifest.sha256;
      text = JSON.stringify(descriptor);
    } else if (format === 'wsp') {
      const inspected = inspectWspModule(module);
      ({ text, descriptor } = inspected);
      handle = this.plugins.wsp.addModule(module, descriptor, sharing);
    } else {
      throw new Error(`unknown plugin format '${format}' (wsp or vaist)`);
    }
    const status = this.withText(text, (d, dn) =>
      this.withText(sha256, (s, sn) => this.exports.we_register_plugin(handle, d, dn, format === 'vaist' ? 1 : 0, s, sn)));
    if (status !== 0) throw new Error(this.string(this.exports.we_error()));
    return descriptor;
  }

  // ---- sources [main]: decoded audio under the session's source path (or sha256).
  addSource(key, sampleRate, channels) {
    const frames = channels.length > 0 ? channels[0].length : 0;
    const status = this.withText(key, (a, n) => this.exports.we_add_source(a, n, sampleRate, channels.length, frames));
    if (status !== 0) throw new Error(`source "${key}": ${channels.length} channels at ${sampleRate} Hz is not audio the engine takes`);
    channels.forEach((samples, c) => {
      new Float32Array(this.exports.memory.buffer, this.exports.we_source_channel(c), frames).set(samples);
    });
  }

  // ---- playback [main]: builds the graph; returns the build's warnings. The plugin time budget
  // (a share of real time per call, engine/README.md "Faults") is off unless asked for: in a
  // JavaScript host a first call (V8 compiles lazily) or a garbage-collection pause can exceed
  // it without the plugin being at fault (docs/engine-wasm.md, EW-6).
  prepare(sampleRate, maxBlockFrames, pluginBudgetShare = 0) {
    const count = this.exports.we_prepare(sampleRate, maxBlockFrames, pluginBudgetShare);
    if (count < 0) throw new Error('prepare: no session loaded, or a block size outside 1..4096');
    this.maxBlockFrames = maxBlockFrames;
    return Array.from({ length: count }, (_, i) => this.string(this.exports.we_warning(i)));
  }
  play() { this.exports.we_play(); }
  stop() { this.exports.we_stop(); }
  seek(frame) { this.exports.we_seek(frame); }
  setLooping(enabled) { this.exports.we_set_looping(enabled ? 1 : 0); }
  position() { return this.exports.we_position(); }
  playing() { return this.exports.we_playing() !== 0; }
  latency() { return this.exports.we_latency(); }

  // ---- [audio] Renders `frames` (<= maxBlockFrames) into the engine's output buffers and returns
  // the frames rendered; read them with outputs() (views valid until memory grows).
  render(frames) { return this.exports.we_render(frames); }
  outputs() {
    const buffer = this.exports.memory.buffer;
    return [0, 1].map((c) => new Float32Array(buffer, this.exports.we_output(c), this.maxBlockFrames));
  }

  // ---- live control [audio] (EW-13): a parameter, note or fader change for the next render(),
  // `offset` frames into it. kind: LIVE_EVENT's codes; track: index into trackIds(), -1 the
  // master; slot: the insert's place in the session's chain. False when it was not queued.
  live(kind, track, slot, id, value, offset = 0, channel = 0) {
    return this.exports.we_live(kind, track, slot, id, value, offset, channel) === 1;
  }

  // ---- meters and CPU time
  // [main] Whether playback times every track and insert (takeStats).
  setMeterCpu(enabled) { this.exports.we_meter_cpu(enabled ? 1 : 0); }
  // [main] The track (id; '' or an unknown id: none) whose loudness is measured besides the
  // master's; kept across rebuilds.
  meterLoudness(trackId) { this.exports.we_meter_loudness(this.trackIds().indexOf(trackId)); }
  // [main] After prepare(): what takeStats() holds where. For each track in processing order,
  // then the master (id 'master'): { id, at (index of its first slot: TRACK_STAT's slots from
  // there), inserts: [{ id, at, handle }] } (handle: the plugin instance's, 0 for none).
  statsLayout() {
    const layout = [];
    let at = 0;
    const track = (index, id) => {
      const entry = { id, at, inserts: [] };
      at += TRACK_STAT_SLOTS;
      for (let slot = 0; slot < this.exports.we_insert_count(index); ++slot) {
        entry.inserts.push({ id: this.string(this.exports.we_insert_id(index, slot)), at: at++, handle: this.exports.we_insert_handle(index, slot) });
      }
      layout.push(entry);
    };
    this.trackIds().forEach((id, index) => track(index, id));
    track(-1, 'master');
    return layout;
  }
  // [audio] Takes the meters (peaks and seconds since the last take) into the engine's stats
  // block; returns a view of it (valid until the next prepare() or memory growth: an
  // AudioWorklet cuts its view once and calls exports.we_take_stats() itself).
  takeStats() {
    return new Float64Array(this.exports.memory.buffer, this.exports.we_take_stats(), this.exports.we_stats_slots());
  }

  // ---- stems [audio]: track (index into trackIds())'s output after its fader in the last
  // render(), as views (valid until memory grows), and the frames by which it lags the timeline.
  trackOutputs(track) {
    const buffer = this.exports.memory.buffer;
    return [0, 1].map((c) => new Float32Array(buffer, this.exports.we_track_output(track, c), this.maxBlockFrames));
  }
  trackLatency(track) { return this.exports.we_track_latency(track); }

  // ---- meters [any]
  trackIds() {
    return Array.from({ length: this.exports.we_track_count() }, (_, i) => this.string(this.exports.we_track_id(i)));
  }
  // track: index into trackIds(), or -1 for the master.
  takePeak(track, channel) { return this.exports.we_meter_take_peak(track, channel); }
  rms(track, channel) { return this.exports.we_meter_rms(track, channel); }

  // ---- faults [main]: every fault reported since the last call (EW-8).
  faults() {
    const faults = [];
    while (this.exports.we_next_fault()) faults.push(this.currentFault());
    return faults;
  }
  // The fault the last exports.we_next_fault() returning 1 moved to (an AudioWorklet polls
  // we_next_fault, which allocates nothing, and reads the texts only when there is one).
  currentFault() {
    return {
      track: this.string(this.exports.we_fault_track()),
      slot: this.exports.we_fault_slot(),
      insert: this.string(this.exports.we_fault_insert()),
      kind: this.string(this.exports.we_fault_kind()),
      message: this.string(this.exports.we_fault_message()),
    };
  }

  // ---- offline [main]: [startFrame, endFrame) of the session with instances of its own.
  renderOffline(startFrame, endFrame) {
    const frames = this.exports.we_render_offline(startFrame, endFrame);
    if (frames < 0) throw new Error('renderOffline: prepare first');
    const buffer = this.exports.memory.buffer;
    return [0, 1].map((c) => new Float32Array(buffer, this.exports.we_offline_output(c), frames).slice());
  }
}
