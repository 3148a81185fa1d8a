// The vAIst Forge driver of engine.wasm's wstudio_plugin imports (plugin_imports.mjs routes each
// import here for vAIst modules; docs/engine-wasm.md, "vAIst Forge plugins", VA-1..VA-6). It drives
// a module as the native adapter does (host/src/vaist/vaist_instance.cpp): every plugin instance
// in a WebAssembly.Instance of its own (the plugin is a static singleton), emscripten's imports
// emulated, audio buffers from the module's own malloc, the block split at each parameter event
// and set_<key> called with the clamped plain value there, state as the saved values.
// What the native host learns from the emscripten glue is not learnt again here: the manifest
// (host/src/vaist/vaist_manifest.hpp, made by `vaist plugin info --manifest` or the server's
// upload validation) names every export and import. No Node API, nor any an
// AudioWorkletGlobalScope lacks (utf8.mjs).
import {
  CALL_FAILED, CALL_OK, CALL_TRAPPED, VAIST_IMPORT_ROLES, VAIST_MANIFEST_FORMAT, VAIST_MANIFEST_VERSION,
  VAIST_STATE_MAGIC, VAIST_STATE_VERSION, WSP_EVENT_BYTES, WSP_EVENT_FRAME_OFFSET, WSP_EVENT_PARAM,
  WSP_EVENT_PARAM_ID_OFFSET, WSP_EVENT_PARAM_VALUE_OFFSET, WSP_EVENT_TYPE_OFFSET, WSP_MAX_BLOCK_FRAMES,
  WSP_MAX_MEMORY_BYTES,
} from './generated/wsp_boundary.mjs';
import { copyFrames, describeThrown } from './plugin_support.mjs';
import { decodeUtf8, encodeUtf8 } from './utf8.mjs';

const CHANNELS = 2;  // vAIst process() is always stereo in, stereo out
const MIN_SAMPLE_RATE = 8000;
const MAX_SAMPLE_RATE = 384000;
const PAGE_BYTES = 65536;
// The engine bounds its event staging itself (EW-4): the plugin has no event buffer, the driver
// reads the events from the engine's staging and applies them between process() calls.
const EVENT_CAPACITY = 0x7fffffff;
const EVENT_WORDS = WSP_EVENT_BYTES >>> 2;
const ROLES = new Set(Object.values(VAIST_IMPORT_ROLES));
const RESULTS = new Set([null, 'i32', 'i64', 'f32', 'f64']);

// ---- The manifest, checked against the module it claims to describe (VA-1)

function fail(text) {
  throw new Error(`vAIst manifest: ${text}`);
}

function isName(value) {
  return typeof value === 'string' && value.length > 0;
}

// The manifest (an object or its JSON text) checked against `module`: every export it names is
// a function (the memory a memory) of the module, every function import of the module has a
// role, and the module imports nothing else. Returns the parsed manifest. Throws an Error saying
// what does not match.
export function checkVaistManifest(module, manifest) {
  let m = manifest;
  if (typeof m === 'string') {
    try {
      m = JSON.parse(m);
    } catch (error) {
      fail(`not valid JSON (${describeThrown(error)})`);
    }
  }
  if (m === null || typeof m !== 'object') fail('not an object');
  if (m.format !== VAIST_MANIFEST_FORMAT) fail(`format is not "${VAIST_MANIFEST_FORMAT}"`);
  if (m.version !== VAIST_MANIFEST_VERSION) fail(`version ${m.version} is not supported (this host reads ${VAIST_MANIFEST_VERSION})`);
  const d = m.descriptor;
  if (d === null || typeof d !== 'object' || !Array.isArray(d.params)) fail('descriptor: not a plugin descriptor');
  if ((d.audio?.inputs ?? 0) !== CHANNELS || (d.audio?.outputs ?? 0) !== CHANNELS) fail('descriptor: a vAIst plugin is stereo in, stereo out');
  d.params.forEach((p, i) => {
    if (p?.id !== i || typeof p.key !== 'string' || !Number.isFinite(p.min) || !Number.isFinite(p.max) || !Number.isFinite(p.default)) {
      fail(`descriptor.params[${i}]: needs id ${i}, a key and finite min, max, default`);
    }
  });

  const exported = new Map(WebAssembly.Module.exports(module).map((e) => [e.name, e.kind]));
  const x = m.exports ?? {};
  const needFunction = (what, name) => {
    if (!isName(name)) fail(`exports.${what}: missing`);
    if (exported.get(name) !== 'function') fail(`exports.${what}: the module has no function export "${name}"`);
  };
  for (const what of ['prepare', 'reset', 'process', 'malloc']) needFunction(what, x[what]);
  for (const what of ['free', 'constructors']) if (x[what] !== null && x[what] !== undefined) needFunction(what, x[what]);
  if (!Array.isArray(x.setters) || x.setters.length !== d.params.length) fail('exports.setters: one per descriptor parameter');
  x.setters.forEach((name, i) => needFunction(`setters[${i}]`, name));
  if (!isName(m.memory) || exported.get(m.memory) !== 'memory') fail(`memory: the module has no memory export "${m.memory}"`);

  const listed = Array.isArray(m.imports) ? m.imports : fail('imports: not a list');
  const roles = new Map();
  for (const [i, entry] of listed.entries()) {
    if (!isName(entry?.module) || typeof entry.field !== 'string' || !ROLES.has(entry.role) || !RESULTS.has(entry.result ?? null)) {
      fail(`imports[${i}]: needs module, field, a role (${[...ROLES].join(', ')}) and a result type`);
    }
    roles.set(`${entry.module}\u0000${entry.field}`, entry);
  }
  for (const i of WebAssembly.Module.imports(module)) {
    if (i.kind !== 'function') fail(`the module imports a ${i.kind} (${i.module}.${i.name}), which a vAIst module does not`);
    if (!roles.has(`${i.module}\u0000${i.name}`)) fail(`the module imports ${i.module}.${i.name}, which the manifest does not list`);
  }
  return m;
}

// ---- Parameters and state, as the native host has them

// std::round: halves away from zero (Math.round takes them up).
function roundHalfAway(value) {
  return value < 0 ? -Math.round(-value) : Math.round(value);
}

// ParamInfo::clamp (host/src/common/param_info.cpp).
function clampParam(param, plain) {
  if (Number.isNaN(plain)) return param.default;
  let value = Math.min(Math.max(plain, param.min), param.max);
  if (param.type !== 'float') value = Math.min(Math.max(roundHalfAway(value), param.min), param.max);
  return value;
}

// The state of a vAIst instance is its parameter values, in the native host's format
// (host/src/vaist/vaist_state.hpp; magic and version from abi/boundary.json; little-endian):
//   "VAIS" | u8 version | u16 id length | plugin id | u32 count | count x (u8 key length | key | f64 value)
// so a session saved natively loads here and the other way round.
const STATE_MAGIC = [...VAIST_STATE_MAGIC].map((c) => c.charCodeAt(0));
const STATE_VERSION = VAIST_STATE_VERSION;

export function encodeVaistState(descriptor, values) {
  const id = encodeUtf8(descriptor.id);
  const keys = descriptor.params.map((p) => encodeUtf8(p.key));
  const size = 4 + 1 + 2 + id.length + 4 + keys.reduce((n, k) => n + 1 + k.length + 8, 0);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  bytes.set(STATE_MAGIC, 0);
  let at = 4;
  view.setUint8(at, STATE_VERSION); at += 1;
  view.setUint16(at, id.length, true); at += 2;
  bytes.set(id, at); at += id.length;
  view.setUint32(at, keys.length, true); at += 4;
  keys.forEach((key, i) => {
    view.setUint8(at, key.length); at += 1;
    bytes.set(key, at); at += key.length;
    view.setFloat64(at, values[i], true); at += 8;
  });
  return bytes;
}

// Values for descriptor.params (defaults for keys the state lacks), or { error }.
export function decodeVaistState(descriptor, bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const corrupt = (why) => ({ error: `vAIst state is corrupt: ${why}` });
  let at = 0;
  const has = (n) => bytes.length - at >= n;
  if (!has(5) || STATE_MAGIC.some((b, i) => bytes[i] !== b)) return { error: `not vAIst plugin state (it does not start with "${VAIST_STATE_MAGIC}")` };
  at = 4;
  const version = view.getUint8(at); at += 1;
  if (version !== STATE_VERSION) return { error: `vAIst state version ${version} is not supported (this host reads ${STATE_VERSION})` };
  if (!has(2)) return corrupt('cut short in the plugin id');
  const idLength = view.getUint16(at, true); at += 2;
  if (!has(idLength)) return corrupt('cut short in the plugin id');
  const id = decodeUtf8(bytes.subarray(at, at + idLength)); at += idLength;
  if (id !== descriptor.id) return { error: `the state belongs to plugin '${id}', not '${descriptor.id}'` };
  if (!has(4)) return corrupt('cut short before the parameter count');
  const count = view.getUint32(at, true); at += 4;
  const values = descriptor.params.map((p) => p.default);
  for (let i = 0; i < count; ++i) {
    if (!has(1)) return corrupt(`cut short at parameter ${i}`);
    const keyLength = view.getUint8(at); at += 1;
    if (!has(keyLength + 8)) return corrupt(`cut short at parameter ${i}`);
    const key = decodeUtf8(bytes.subarray(at, at + keyLength)); at += keyLength;
    const value = view.getFloat64(at, true); at += 8;
    if (!Number.isFinite(value)) return corrupt(`parameter '${key}' is not a finite number`);
    const param = descriptor.params.find((p) => p.key === key);
    if (param) values[param.id] = clampParam(param, value);
  }
  if (at !== bytes.length) return corrupt('unexpected bytes after the last parameter');
  return { values };
}

// ---- One plugin instance

// The emulated emscripten imports of one instance (host/src/vaist/emscripten_imports.cpp): each
// instance gets its own, bound to its memory.
function emulatedImports(manifest, p) {
  const imports = {};
  for (const { module, field, role, result } of manifest.imports) {
    let fn;
    if (role === VAIST_IMPORT_ROLES.MEMCPY_BIG) {
      // memmove semantics (copyWithin), and a trap where the native host traps: out of bounds.
      fn = (dest, src, num) => {
        const bytes = p.byteView();
        const d = dest >>> 0;
        const s = src >>> 0;
        const n = num >>> 0;
        if (d + n > bytes.length || s + n > bytes.length) throw new RangeError('out of bounds memory access in emscripten_memcpy_big');
        bytes.copyWithin(d, s, s + n);
        return dest;
      };
    } else if (role === VAIST_IMPORT_ROLES.RESIZE_HEAP) {
      // Grows to the requested size within the ceiling (ABI-5), else 0: emscripten's sbrk then
      // fails the allocation, as in a browser out of memory.
      fn = (requested) => {
        const pages = Math.ceil((requested >>> 0) / PAGE_BYTES);
        const current = p.memory.buffer.byteLength / PAGE_BYTES;
        if (pages <= current) return 1;
        if (pages * PAGE_BYTES > WSP_MAX_MEMORY_BYTES) return 0;
        try {
          p.memory.grow(pages - current);
          return 1;
        } catch {
          return 0;  // past the module's own maximum
        }
      };
    } else {
      fn = result === 'i64' ? () => 0n : () => 0;
    }
    imports[module] ??= {};
    imports[module][field] = fn;
  }
  return imports;
}

class VaistInstance {
  constructor(entry) {
    // What process() reads at every call first (see HostedInstance in wsp_plugins.mjs).
    this.broken = false;     // trapped: never called again (EW-7)
    this.active = false;
    this.entry = entry;
    this.name = entry.name;
    this.error = '';
    this.eventCapacity = EVENT_CAPACITY;
    this.maxFrames = 0;
    this.stage = null;
    this.values = entry.params.map((param) => param.default);
    this.buffers = [0, 0, 0, 0];  // byte offsets of in L, in R, out L, out R (0: none yet)
    this.bufferFrames = 0;
    this.inputViews = [];
    this.outputViews = [];
    this.probe = null;       // length 0 once the plugin memory grew
    this.stagedFrom = null;
    this.staging = null;
    this.bytes = null;       // the whole memory, for memcpy_big
    this.memory = null;
    const instance = new WebAssembly.Instance(entry.module, emulatedImports(entry.manifest, this));
    const x = entry.manifest.exports;
    const exports = instance.exports;
    this.memory = exports[entry.manifest.memory];
    this.prepareFn = exports[x.prepare];
    this.resetFn = exports[x.reset];
    this.processFn = exports[x.process];
    this.mallocFn = exports[x.malloc];
    this.freeFn = x.free ? exports[x.free] : null;
    this.setters = x.setters.map((name) => exports[name]);
    if (this.memory.buffer.byteLength > WSP_MAX_MEMORY_BYTES) {
      this.fault(`vAIst plugin '${this.name}' starts with ${this.memory.buffer.byteLength / 2 ** 20} MiB of memory, past the ${WSP_MAX_MEMORY_BYTES / 2 ** 20} MiB ceiling (ABI-5)`);
      return;
    }
    if (x.constructors && !this.call(exports[x.constructors], '__wasm_call_ctors')) return;
    // The module's own initial values may differ from descriptor.json; the descriptor is what
    // the user sees, so it wins.
    for (let id = 0; id < this.values.length && !this.broken; ++id) this.applyParam(id, this.values[id]);
  }

  byteView() {
    if (this.bytes === null || this.bytes.length === 0) this.bytes = new Uint8Array(this.memory.buffer);
    return this.bytes;
  }

  fault(text) {
    this.broken = true;
    this.error = text;
  }

  trapped(error, what) {
    this.fault(`vAIst plugin '${this.name}' trapped in ${what}(): ${describeThrown(error)}`);
  }

  // Runs one export (fixed arity); a throw breaks the instance (EW-6, EW-7). False when it did,
  // or when the memory grew past the ceiling (a module's own memory.grow cannot be refused
  // from JavaScript: caught after the call, EW-5).
  call(fn, what, a, b) {
    try {
      fn(a, b);
    } catch (error) {
      this.trapped(error, what);
      return false;
    }
    return this.withinCeiling(what);
  }

  withinCeiling(what) {
    if (this.memory.buffer.byteLength <= WSP_MAX_MEMORY_BYTES) return true;
    this.fault(`vAIst plugin '${this.name}' grew its memory past the ${WSP_MAX_MEMORY_BYTES / 2 ** 20} MiB ceiling (ABI-5) in ${what}()`);
    return false;
  }

  // Unknown ids and non-numbers are ignored, as a WSP plugin ignores them (ABI-10).
  applyParam(id, plain) {
    if (id >= this.values.length || !Number.isFinite(plain)) return true;
    const value = clampParam(this.entry.params[id], plain);
    this.values[id] = value;
    return this.call(this.setters[id], this.entry.setterNames[id], value);
  }

  // [main] Four blocks from the plugin's own allocator: its statics live at fixed low offsets,
  // so only its malloc knows what is free.
  allocateBuffers(frames) {
    if (frames <= this.bufferFrames) return true;
    for (let i = 0; i < 4; ++i) {
      if (this.buffers[i] !== 0 && this.freeFn !== null && !this.call(this.freeFn, 'free', this.buffers[i])) return false;
      this.buffers[i] = 0;
    }
    this.bufferFrames = 0;
    const bytes = frames * 4;
    for (let i = 0; i < 4; ++i) {
      let offset;
      try {
        offset = this.mallocFn(bytes) >>> 0;
      } catch (error) {
        this.trapped(error, 'malloc');
        return false;
      }
      if (!this.withinCeiling('malloc')) return false;
      if (offset === 0 || offset % 4 !== 0 || offset + bytes > this.memory.buffer.byteLength) {
        this.error = `vAIst plugin '${this.name}' could not allocate ${bytes} bytes for an audio buffer in its memory (malloc returned ${offset})`;
        return false;
      }
      this.buffers[i] = offset;
    }
    this.bufferFrames = frames;
    return true;
  }

  // Cuts the views process() copies through (at bind, and after either memory grew).
  renewViews(stagingViews, engineFloats) {
    const buffer = this.memory.buffer;
    const n = this.maxFrames;
    const view = (offset) => new Float32Array(buffer, offset, n);
    this.inputViews = [view(this.buffers[0]), view(this.buffers[1])];
    this.outputViews = [view(this.buffers[2]), view(this.buffers[3])];
    this.probe = this.outputViews[0];
    this.bytes = new Uint8Array(buffer);  // memcpy_big's, cut here rather than on the audio thread
    this.stagedFrom = engineFloats;
    this.staging = stagingViews.for(engineFloats, this.stage, n, CHANNELS, CHANNELS);
  }

  // [audio] process(inL, inR, outL, outR, n) over [from, to) of the block.
  render(from, to) {
    const at = from * 4;
    const b = this.buffers;
    this.processFn(b[0] + at, b[1] + at, b[2] + at, b[3] + at, to - from);
  }
}

// ---- The driver

export class VaistPluginHost {
  constructor(shared) {
    this.shared = shared;  // PluginImports: the tables and the engine-memory views
    this.createError = '';
  }

  get instances() { return this.shared.instances; }

  live(handle) {
    return this.shared.instances[handle] ?? null;
  }

  // [main] A compiled vAIst module and its manifest (checkVaistManifest); the handle goes to
  // we_register_plugin with the manifest's descriptor. Its plugin instances never share a
  // WebAssembly.Instance: the plugin is a static singleton, and untrusted (VA-2).
  addModule(module, manifest) {
    const m = checkVaistManifest(module, manifest);
    const params = m.descriptor.params;
    this.shared.modules.push({
      module,
      manifest: m,
      name: String(m.descriptor.name ?? m.descriptor.id ?? 'vAIst plugin'),
      params,
      setterNames: params.map((p) => `set_${p.key}`),
      driver: this,
    });
    return this.shared.modules.length - 1;
  }

  // [main] VA-2: a WebAssembly.Instance of its own, constructors run, every parameter set to
  // its descriptor default.
  create(moduleHandle) {
    const entry = this.shared.modules[moduleHandle];
    let p;
    try {
      p = new VaistInstance(entry);
    } catch (error) {
      this.createError = error instanceof RangeError
        ? `there is no room for another WebAssembly memory (${error.message}; a Chrome tab holds about 124): remove some plugins from the session`
        : `its module failed to start (${describeThrown(error)})`;
      return 0;
    }
    if (p.broken) {
      this.createError = p.error;
      return 0;
    }
    this.instances.push(p);
    return this.instances.length - 1;
  }

  // [main] Nothing to call: the native adapter calls nothing either (EW-7 for a broken one).
  destroy() {}

  // [main] VA-3: buffers from the plugin's malloc, prepare(rate), then every value set again
  // (some generated plugins compute coefficients only in their setters, from the rate).
  activate(handle, sampleRate, maxFrames) {
    const p = this.live(handle);
    if (p.broken) return CALL_TRAPPED;
    if (!(sampleRate >= MIN_SAMPLE_RATE && sampleRate <= MAX_SAMPLE_RATE)) {
      p.error = `sample rate ${sampleRate} is outside ${MIN_SAMPLE_RATE}..${MAX_SAMPLE_RATE} Hz`;
      return CALL_FAILED;
    }
    if (!(maxFrames >= 1 && maxFrames <= WSP_MAX_BLOCK_FRAMES)) {
      p.error = `maxFrames ${maxFrames} is outside 1..${WSP_MAX_BLOCK_FRAMES}`;
      return CALL_FAILED;
    }
    if (!p.allocateBuffers(maxFrames)) return p.broken ? CALL_TRAPPED : CALL_FAILED;
    for (const offset of p.buffers) new Float32Array(p.memory.buffer, offset, p.bufferFrames).fill(0);
    if (!p.call(p.prepareFn, 'prepare', sampleRate)) return CALL_TRAPPED;
    for (let id = 0; id < p.values.length; ++id) if (!p.applyParam(id, p.values[id])) return CALL_TRAPPED;
    p.maxFrames = maxFrames;
    p.active = true;
    p.stagedFrom = null;  // buffers may have changed: new views before the next process
    return CALL_OK;
  }

  deactivate(handle) {
    const p = this.live(handle);
    if (p !== null) p.active = false;
  }

  // [audio] VA-4: staging -> the plugin's input buffers; process() over the block, split where
  // a PARAM event falls, the event's value set there (sample-accurate, as natively); output
  // buffers -> staging. vAIst plugins have no latency: 0. No allocation while neither memory
  // grows (EW-10).
  process(handle, frames, eventCount) {
    const p = this.shared.instances[handle];
    if (p.broken) return CALL_TRAPPED;
    if (!p.active || p.stage === null || frames > p.maxFrames) {
      p.error = `vAIst plugin '${p.name}': process() of ${frames} frames ${p.active ? 'exceeds maxFrames' : 'before activate()'}`;
      return CALL_FAILED;
    }
    const shared = this.shared;
    shared.engineViews();
    if (p.stagedFrom !== shared.engineFloats || p.probe.length === 0) p.renewViews(shared.stagingViews, shared.engineFloats);
    const whole = frames === p.maxFrames;
    const staging = p.staging;
    for (let c = 0; c < CHANNELS; ++c) copyFrames(p.inputViews[c], staging.inputs[c], frames, whole);

    let what = 'process';
    try {
      let rendered = 0;
      if (eventCount > 0) {
        const words = shared.engineWords;
        const doubles = shared.engineDoubles;
        for (let i = 0; i < eventCount; ++i) {
          const base = p.stage.events + i * EVENT_WORDS;  // in words; records are 8-byte aligned
          if ((words[base + (WSP_EVENT_TYPE_OFFSET >>> 2)] & 0xffff) !== WSP_EVENT_PARAM) continue;
          const frame = Math.min(words[base + (WSP_EVENT_FRAME_OFFSET >>> 2)] >>> 0, frames);
          if (frame > rendered) {
            what = 'process';
            p.render(rendered, frame);
            rendered = frame;
          }
          const id = words[base + (WSP_EVENT_PARAM_ID_OFFSET >>> 2)] >>> 0;
          const value = doubles[(base >>> 1) + (WSP_EVENT_PARAM_VALUE_OFFSET >>> 3)];
          if (id < p.values.length && Number.isFinite(value)) {
            what = p.entry.setterNames[id];
            const clamped = clampParam(p.entry.params[id], value);
            p.values[id] = clamped;
            p.setters[id](clamped);
          }
        }
      }
      what = 'process';
      if (frames > rendered) p.render(rendered, frames);
    } catch (error) {
      p.trapped(error, what);
      return CALL_TRAPPED;
    }
    if (p.probe.length === 0) {
      if (!p.withinCeiling(what)) return CALL_TRAPPED;
      p.renewViews(shared.stagingViews, shared.engineFloats);
    }
    for (let c = 0; c < CHANNELS; ++c) copyFrames(staging.outputs[c], p.outputViews[c], frames, whole);
    return 0;
  }

  reset(handle) {
    const p = this.live(handle);
    if (p.broken) return CALL_TRAPPED;
    return p.call(p.resetFn, 'reset') ? CALL_OK : CALL_TRAPPED;
  }

  paramGet(handle, id) {
    const p = this.live(handle);
    return p.broken || !(id >= 0 && id < p.values.length) ? NaN : p.values[id];
  }

  latency(handle) {
    return this.live(handle)?.broken === false ? 0 : CALL_TRAPPED;
  }

  tail(handle) {
    return this.latency(handle);
  }

  // [main] VA-5: the saved values, in the native format.
  stateSave(handle, destination, capacity) {
    const p = this.live(handle);
    if (p.broken) return CALL_TRAPPED;
    const state = encodeVaistState(p.entry.manifest.descriptor, p.values);
    this.shared.engineViews();
    this.shared.engineBytes.set(state.subarray(0, Math.min(state.length, capacity)), destination);
    return state.length;
  }

  stateLoad(handle, source, size) {
    const p = this.live(handle);
    if (p.broken) return CALL_TRAPPED;
    this.shared.engineViews();
    const decoded = decodeVaistState(p.entry.manifest.descriptor, this.shared.engineBytes.subarray(source, source + size));
    if (decoded.error) {
      p.error = `vAIst plugin '${p.name}': ${decoded.error}`;
      return CALL_FAILED;
    }
    for (let id = 0; id < decoded.values.length; ++id) if (!p.applyParam(id, decoded.values[id])) return CALL_TRAPPED;
    return CALL_OK;
  }
}
