// The WSP driver of engine.wasm's wstudio_plugin imports (plugin_imports.mjs routes each import
// here for WSP modules; docs/engine-wasm.md, EW-1..EW-12): plugin instances live in
// WebAssembly.Instances of their module (each its own, or a few sharing one for modules the
// application trusts, EW-2), driven through the WSP exports (docs/plugin-abi.md) exactly in the
// order the native host drives them (host/src/wsp/wsp_instance.cpp). No Node API, nor any an
// AudioWorkletGlobalScope lacks (utf8.mjs): this runs unchanged in an AudioWorklet.

import {
  CALL_FAILED, CALL_OK, CALL_TRAPPED, WSP_ABI_VERSION_MAJOR, WSP_EVENT_ALIGNMENT,
  WSP_EVENT_BYTES, WSP_EXPORTS, WSP_EXTENSION_EXPORTS, WSP_EXT_LATENCY_WORD, WSP_HOST_MODULE,
  WSP_MAX_BLOCK_FRAMES, WSP_MAX_DESCRIPTOR_BYTES, WSP_MAX_MEMORY_BYTES, WSP_MIN_EVENT_CAPACITY, WSP_OK,
  WSP_PORT_INPUT, WSP_PORT_OUTPUT,
} from './generated/wsp_boundary.mjs';
import { copyFrames, describeThrown, frameCount } from './plugin_support.mjs';
import { decodeUtf8 } from './utf8.mjs';

// The boundary's constants, export names and status codes come from abi/boundary.json through
// the module the build generates next to this one (generated/, docs/plugin-abi.md "Where the
// boundary is written"). Imports that return a size or a frame count return a negative CALL_
// code instead.
const [LATENCY_WORD_ADDRESS] = WSP_EXTENSION_EXPORTS[WSP_EXT_LATENCY_WORD];

// wsp_host.log (ABI-4): diagnostics are dropped, as the native host does.
const PLUGIN_IMPORTS = { [WSP_HOST_MODULE]: { log() {} } };

// One view of a plugin's channel buffers (`frames` floats each) when they lie back to back in
// channel order, as the staging channels do, or null: then a whole block crosses in one
// TypedArray.set per direction instead of one per channel (SDK plugins allocate their buffers
// this way).
function span(buffer, addresses, frames) {
  if (addresses.length === 0) return null;
  for (let c = 1; c < addresses.length; ++c) {
    if (addresses[c] !== addresses[0] + 4 * frames * c) return null;
  }
  return new Float32Array(buffer, addresses[0], frames * addresses.length);
}

// Whether a parsed descriptor lists the latency-word extension (ABI-20).
function listsLatencyWord(descriptor) {
  return Array.isArray(descriptor?.extensions) && descriptor.extensions.includes(WSP_EXT_LATENCY_WORD);
}

function cString(memory, address, limit) {
  const bytes = new Uint8Array(memory.buffer);
  if (address <= 0 || address >= bytes.length) return null;
  const end = bytes.indexOf(0, address);
  if (end < 0 || end - address > limit) return null;
  return decodeUtf8(bytes.subarray(address, end));
}

// How many plugin instances of a trusted module (the factory plugins) share one
// WebAssembly.Instance (EW-2). Chrome holds about 124 wasm memories per renderer process (each
// reserves 8 GiB of address space inside V8's 1 TiB sandbox, AudioWorklet included), so a
// 64-track session with four inserts per track cannot give every insert a memory of its own.
// Sharing also keeps static data, stack and code context warm across inserts, as natively.
// 16 inserts fit the 64 MiB ceiling (ABI-5) at 48 kHz even for delays; an activation that
// does not fit moves to a fresh instance.
export const TRUSTED_MODULE_SHARING = 16;
const MAX_SHARING = 64;

function instantiate(module) {
  const instance = new WebAssembly.Instance(module, PLUGIN_IMPORTS);
  if (typeof instance.exports._initialize === 'function') instance.exports._initialize();
  return instance.exports;
}

// Reads and checks a compiled plugin (ABI-1, ABI-6) with a probe instance: its descriptor text
// and parsed descriptor. Throws an Error saying what is wrong.
export function inspectWspModule(module) {
  const exported = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  for (const name of ['memory', ...WSP_EXPORTS]) {
    if (!exported.has(name)) throw new Error(`not a WSP plugin: the module does not export ${name} (ABI-1)`);
  }
  const exports = instantiate(module);
  const version = exports.wsp_abi_version() >>> 0;
  if (version >>> 16 !== WSP_ABI_VERSION_MAJOR) {
    throw new Error(`not a WSP plugin of ABI major version ${WSP_ABI_VERSION_MAJOR} (it reports ${version >>> 16})`);
  }
  const text = cString(exports.memory, exports.wsp_descriptor(), WSP_MAX_DESCRIPTOR_BYTES);
  if (text === null) throw new Error(`the descriptor is outside memory, longer than ${WSP_MAX_DESCRIPTOR_BYTES / 1024} KiB or not NUL-terminated (ABI-6)`);
  let descriptor;
  try {
    descriptor = JSON.parse(text);
  } catch (error) {
    throw new Error(`descriptor: not valid JSON (${describeThrown(error)})`);
  }
  if (listsLatencyWord(descriptor) && !exported.has(LATENCY_WORD_ADDRESS)) {
    throw new Error(`the descriptor lists ${WSP_EXT_LATENCY_WORD} but the module does not export ${LATENCY_WORD_ADDRESS} (ABI-20)`);
  }
  return { text, descriptor };
}

// A WebAssembly.Instance of a plugin module and the plugin instances living in its memory.
class ModuleInstance {
  constructor(module) {
    this.exports = instantiate(module);
    this.residents = [];  // HostedInstance
    this.stopped = false; // a resident trapped or the memory outgrew its ceiling: no one is called
  }

  // [main] Whether one more plugin instance may move in.
  open(sharing) {
    return !this.stopped && this.residents.length < sharing;
  }

  // [main][audio] Stops every resident: a trap may have left the shared memory anywhere, and a
  // memory past its ceiling is everyone's (EW-7). `culprit` gets `text`, the others say why.
  stop(culprit, text) {
    this.stopped = true;
    for (const r of this.residents) {
      r.broken = true;
      r.error = `Plugin '${r.name}' stopped: it shares a WebAssembly instance with another '${culprit.name}', which failed (${text})`;
    }
    culprit.broken = true;  // also when it is not a resident yet (it trapped in wsp_create)
    culprit.error = text;
  }
}

// One plugin instance as the imports see it.
class HostedInstance {
  constructor(home, entry) {
    const exports = home.exports;
    // What process() reads at every call comes first: V8 lays the properties out in the order
    // they are first assigned, so these share the object's first cache lines (a session calls
    // hundreds of instances in turn, and each line a call touches is usually a cache miss).
    this.broken = false;     // trapped: never called again (EW-7)
    this.active = false;
    this.handle = 0;         // wsp_instance* inside the plugin's memory
    this.latencyWord = -1;   // ABI-20: index in `words` of the plugin's latency, or -1: ask it
    // Called once per block on the audio thread: properties of their own, not looked up by
    // name through call().
    this.wspProcess = exports.wsp_process;
    this.wspLatency = exports.wsp_latency;
    this.inputs = entry.inputs;
    this.outputs = entry.outputs;
    this.latencyWordListed = entry.latencyWord;
    this.maxFrames = 0;
    this.stage = null;       // engine-memory staging addresses (bind)
    // Views for process(), made on the main thread (bind) and renewed only when a memory
    // grew: a grown memory detaches its old buffer, and a view of a detached buffer has length
    // 0 (one load to test, where reading memory.buffer is a call into the runtime).
    this.probe = null;       // one of the views below: length 0 once the plugin memory grew
    this.stagedFrom = null;  // the engine view the staging views were cut from
    this.staging = null;     // the staging views (StagingViews.for), shared with other instances
    this.inputViews = [];    // plugin buffers, maxFrames floats each
    this.outputViews = [];
    this.inputSpan = null;   // all inputs as one view when they lie back to back (span()), or null
    this.outputSpan = null;
    this.floats = null;      // the whole plugin memory
    this.words = null;
    this.exports = exports;
    this.memory = exports.memory;
    this.home = home;        // the ModuleInstance whose memory holds this instance
    this.entry = entry;      // its module, as registered (addModule)
    this.name = entry.name;
    this.error = '';
    this.inputAddresses = [];
    this.outputAddresses = [];
    this.eventsAddress = 0;
    this.eventCapacity = 0;
  }

  // Cuts the views process() copies through, from the current buffers of both memories.
  renewViews(stagingViews, engineFloats) {
    const buffer = this.memory.buffer;
    const n = this.maxFrames;
    this.floats = new Float32Array(buffer);
    this.words = new Int32Array(buffer);
    this.inputViews = this.inputAddresses.map((a) => new Float32Array(buffer, a, n));
    this.outputViews = this.outputAddresses.map((a) => new Float32Array(buffer, a, n));
    this.inputSpan = span(buffer, this.inputAddresses, n);
    this.outputSpan = span(buffer, this.outputAddresses, n);
    this.probe = this.outputViews[0] ?? this.inputViews[0] ?? this.floats;
    this.stagedFrom = engineFloats;
    this.staging = stagingViews.for(engineFloats, this.stage, n, this.inputs, this.outputs);
  }

  // Runs a plugin export; a throw marks the instance broken with the trap's text (EW-6, EW-7).
  // Fixed arity (no rest array). Not for wsp_process, which process() calls directly.
  call(name, a, b, c) {
    try {
      return this.exports[name](a, b, c);
    } catch (error) {
      this.trapped(error, name);
      return undefined;
    }
  }

  trapped(error, name) {
    this.home.stop(this, `Plugin '${this.name}' trapped: ${describeThrown(error)} in ${name}`);
  }

  inside(address, bytes, alignment) {
    return address > 0 && address % alignment === 0 && address + bytes <= this.memory.buffer.byteLength;
  }
}

// The imports' calls for instances of WSP modules. The tables of modules and instances, and the
// engine-memory views, are the PluginImports' (`shared`), which hands each import here by the
// handle's module.
export class WspPluginHost {
  constructor(shared) {
    this.shared = shared;
    this.createError = '';    // why the last create failed
  }

  get modules() { return this.shared.modules; }
  get instances() { return this.shared.instances; }
  get stagingViews() { return this.shared.stagingViews; }
  get engineFloats() { return this.shared.engineFloats; }
  get engineWords() { return this.shared.engineWords; }
  get engineBytes() { return this.shared.engineBytes; }
  engineViews() { this.shared.engineViews(); }

  // [main] A compiled, inspected plugin; the handle goes to we_register_plugin. `sharing`: how
  // many of its plugin instances may live in one WebAssembly.Instance (EW-2): 1, each its own,
  // unless the application trusts the module (TRUSTED_MODULE_SHARING for the factory plugins).
  addModule(module, descriptor, sharing = 1) {
    if (!Number.isInteger(sharing) || sharing < 1 || sharing > MAX_SHARING) {
      throw new Error(`sharing must be a whole number from 1 to ${MAX_SHARING} (it is ${sharing})`);
    }
    const audio = descriptor.audio ?? {};
    this.modules.push({
      module,
      name: String(descriptor.name ?? descriptor.id ?? 'plugin'),
      inputs: audio.inputs | 0,
      outputs: audio.outputs | 0,
      latencyWord: listsLatencyWord(descriptor),
      driver: this,
      sharing,
      home: null,  // the ModuleInstance new plugin instances move into while it has room
    });
    return this.modules.length - 1;
  }

  live(handle) {
    return this.instances[handle] ?? null;
  }

  // [main]
  deactivate(handle) {
    const p = this.live(handle);
    if (p !== null && p.active && !p.broken) p.call('wsp_deactivate', p.handle);
    if (p !== null) p.active = false;
  }

  // [audio]
  reset(handle) {
    const p = this.live(handle);
    if (p === null || p.broken) return CALL_TRAPPED;
    p.call('wsp_reset', p.handle);
    return p.broken ? CALL_TRAPPED : CALL_OK;
  }

  // [main][audio]
  paramGet(handle, id) {
    const p = this.live(handle);
    if (p === null || p.broken) return NaN;
    const value = p.call('wsp_param_get', p.handle, id);
    return p.broken ? NaN : value;
  }

  tail(handle) {
    return this.count(handle, 'wsp_tail');
  }

  // [main] EW-2: wsp_create in the module's open WebAssembly.Instance, or in a new one. A shared
  // instance that has no room left for the plugin's own allocations (wsp_create returns 0) is
  // closed to newcomers and the plugin tries a fresh one.
  create(moduleHandle) {
    const entry = this.modules[moduleHandle];
    if (!entry) return 0;
    const home = entry.home?.open(entry.sharing) ? entry.home : null;  // null: a new one
    let p = this.settle(entry, home);
    if (p === null && home !== null && home.residents.length > 0 && !home.stopped) p = this.settle(entry, null);
    if (p === null) return 0;
    this.instances.push(p);
    return this.instances.length - 1;
  }

  // [main] A new plugin instance in `home`, or in a new ModuleInstance when null; null when the
  // module failed to start (the engine reports "could not create an instance") or wsp_create
  // failed.
  settle(entry, home) {
    if (home === null) {
      try {
        home = new ModuleInstance(entry.module);
      } catch (error) {
        this.createError = error instanceof RangeError
          ? `there is no room for another WebAssembly memory (${error.message}; a Chrome tab holds about 124): remove some plugins from the session`
          : `its module failed to start (${describeThrown(error)})`;
        return null;
      }
      entry.home = home;
    }
    const p = new HostedInstance(home, entry);
    const handle = p.call('wsp_create');
    if (p.broken) {
      this.createError = p.error;
      return null;
    }
    if (!handle) {
      this.createError = 'wsp_create returned no instance (out of memory)';
      if (home.residents.length > 0) entry.home = null;  // full: later plugins start a new one
      return null;
    }
    p.handle = handle;
    home.residents.push(p);
    return p;
  }

  // [main] EW-7: a broken instance is dropped without calling it (PluginImports then forgets
  // the handle).
  destroy(handle) {
    const p = this.live(handle);
    if (p !== null) this.destroyHosted(p);
  }

  destroyHosted(p) {
    if (!p.broken) {
      if (p.active) p.call('wsp_deactivate', p.handle);
      p.call('wsp_destroy', p.handle);
    }
    p.home.residents.splice(p.home.residents.indexOf(p), 1);
  }

  // [main] EW-3: wsp_activate, then the plugin's buffers must lie inside its memory (ABI-9).
  activate(handle, sampleRate, maxFrames) {
    let p = this.live(handle);
    if (p === null) return CALL_FAILED;
    if (p.broken) return CALL_TRAPPED;
    let status = p.call('wsp_activate', p.handle, sampleRate, maxFrames);
    if (status !== WSP_OK && !p.broken && p.home.residents.length > 1) {
      // Most likely no room left in the shared memory (ABI-5): an instance of its own may have.
      const moved = this.relocate(handle);
      if (moved !== null) {
        p = moved;
        status = p.call('wsp_activate', p.handle, sampleRate, maxFrames);
      }
    }
    if (p.broken) return CALL_TRAPPED;
    if (status !== WSP_OK) {
      p.error = `Plugin '${p.name}' failed to activate (status ${status})`;
      return CALL_FAILED;
    }
    const buffer = (port, channel) => p.call('wsp_audio_buffer', p.handle, port, channel) >>> 0;
    p.inputAddresses = Array.from({ length: p.inputs }, (_, c) => buffer(WSP_PORT_INPUT, c));
    p.outputAddresses = Array.from({ length: p.outputs }, (_, c) => buffer(WSP_PORT_OUTPUT, c));
    p.eventsAddress = p.call('wsp_event_buffer', p.handle) >>> 0;
    p.eventCapacity = p.call('wsp_event_capacity', p.handle) >>> 0;
    const latencyWord = p.latencyWordListed ? p.call(LATENCY_WORD_ADDRESS, p.handle) >>> 0 : 0;
    if (p.broken) return CALL_TRAPPED;
    const audioOk = [...p.inputAddresses, ...p.outputAddresses].every((a) => p.inside(a, maxFrames * 4, 4));
    if (!audioOk) {
      p.error = `Plugin '${p.name}': an audio buffer is null, misaligned or outside memory (ABI-9)`;
    } else if (p.eventCapacity < WSP_MIN_EVENT_CAPACITY || !p.inside(p.eventsAddress, p.eventCapacity * WSP_EVENT_BYTES, WSP_EVENT_ALIGNMENT)) {
      p.error = `Plugin '${p.name}': the event buffer is null, misaligned, outside memory or holds fewer than ${WSP_MIN_EVENT_CAPACITY} events (ABI-9)`;
    } else if (p.latencyWordListed && !p.inside(latencyWord, 4, 4)) {
      p.error = `Plugin '${p.name}': ${LATENCY_WORD_ADDRESS} is null, misaligned or outside memory (ABI-20)`;
    } else {
      p.latencyWord = p.latencyWordListed ? latencyWord >>> 2 : -1;
      p.active = true;
      p.maxFrames = Math.min(maxFrames, WSP_MAX_BLOCK_FRAMES);
      p.stagedFrom = null;  // buffers and sizes may have changed: new views before the next process
      return CALL_OK;
    }
    p.call('wsp_deactivate', p.handle);
    return CALL_FAILED;
  }

  // [main] Moves a plugin instance, not active, out of a shared WebAssembly.Instance into a new
  // one that later plugin instances of its module join, with its state (ABI-15: parameters and
  // all it saves); the handle stays. Returns the moved instance, or null when it stays.
  relocate(handle) {
    const p = this.instances[handle];
    const state = this.savedState(p);
    if (state === null) return null;
    const moved = this.settle(p.entry, null);
    if (moved === null) return null;
    if (this.loadState(moved, state) !== CALL_OK) {
      this.destroyHosted(moved);
      return null;
    }
    this.destroyHosted(p);
    this.instances[handle] = moved;
    return moved;
  }

  // [audio] EW-5: staging -> plugin memory, wsp_process, plugin memory -> staging, and the
  // plugin's latency as the result. No allocation while the memories keep their size: whole
  // blocks are copied by TypedArray.set between views cut at bind (a memcpy), shorter ones (a
  // block split at an event or a loop point) element by element. The latency is read here, while
  // the instance is hot in the cache, rather than by the engine in a second round trip through
  // JavaScript per insert and block: from the plugin's latency word (ABI-20), or else by asking.
  process(handle, frames, eventCount) {
    const p = this.instances[handle];
    if (!p || p.broken) return CALL_TRAPPED;
    if (!p.active || p.stage === null) {
      p.error = `Plugin '${p.name}' was asked to process before activate`;
      return CALL_FAILED;
    }
    this.engineViews();
    if (p.stagedFrom !== this.engineFloats || p.probe.length === 0) p.renewViews(this.stagingViews, this.engineFloats);
    const whole = frames === p.maxFrames;
    const staging = p.staging;
    if (whole && p.inputSpan !== null) {
      p.inputSpan.set(staging.inputSpan);
    } else {
      for (let c = 0; c < p.inputs; ++c) copyFrames(p.inputViews[c], staging.inputs[c], frames, whole);
    }
    if (eventCount > 0) {
      const words = eventCount * (WSP_EVENT_BYTES >>> 2);
      const engineWords = this.engineWords;
      const pluginWords = p.words;
      const eventsFrom = p.stage.events;
      const eventsTo = p.eventsAddress >>> 2;
      for (let i = 0; i < words; ++i) pluginWords[eventsTo + i] = engineWords[eventsFrom + i];
    }

    let status;
    let latency = 0;
    let call = 'wsp_process';
    try {
      status = p.wspProcess(p.handle, frames, eventCount);
      if (status === WSP_OK && p.latencyWord < 0) {
        call = 'wsp_latency';
        latency = p.wspLatency(p.handle);
      }
    } catch (error) {
      p.trapped(error, call);
      return CALL_TRAPPED;
    }
    if (p.probe.length === 0) {
      // The plugin grew its memory. A module's own memory.grow cannot be refused from
      // JavaScript: the ceiling is enforced after the call instead, and the instance is not
      // called again (EW-7).
      if (p.memory.buffer.byteLength > WSP_MAX_MEMORY_BYTES) {
        p.home.stop(p, `Plugin '${p.name}' grew its memory past the ${WSP_MAX_MEMORY_BYTES / 2 ** 20} MiB ceiling (ABI-5) in wsp_process`);
        return CALL_TRAPPED;
      }
      p.renewViews(this.stagingViews, this.engineFloats);
    }
    if (status !== WSP_OK) {
      p.error = `Plugin '${p.name}' failed: wsp_process returned ${status}`;
      return CALL_FAILED;
    }
    if (whole && p.outputSpan !== null) {
      staging.outputSpan.set(p.outputSpan);
    } else {
      for (let c = 0; c < p.outputs; ++c) copyFrames(staging.outputs[c], p.outputViews[c], frames, whole);
    }
    if (p.latencyWord >= 0) latency = p.words[p.latencyWord];
    return frameCount(latency);
  }

  // [main][audio] Outside process() (after activate, reset or a state load): through the cached
  // export.
  latency(handle) {
    const p = this.instances[handle];
    if (!p || p.broken) return CALL_TRAPPED;
    let value;
    try {
      value = p.wspLatency(p.handle);
    } catch (error) {
      p.trapped(error, 'wsp_latency');
      return CALL_TRAPPED;
    }
    return frameCount(value);
  }

  count(handle, name) {
    const p = this.live(handle);
    if (p === null || p.broken) return CALL_TRAPPED;
    const value = p.call(name, p.handle);
    return p.broken ? CALL_TRAPPED : frameCount(value);
  }

  stateSave(handle, destination, capacity) {
    const p = this.live(handle);
    if (p === null || p.broken) return CALL_TRAPPED;
    const state = this.savedState(p);
    if (state === null) return p.broken ? CALL_TRAPPED : CALL_FAILED;
    this.engineViews();
    this.engineBytes.set(state.subarray(0, Math.min(state.length, capacity)), destination);
    return state.length;
  }

  // [main] wsp_state_save's bytes, as a view of the plugin's memory, or null with p.error set
  // (p.broken when it trapped).
  savedState(p) {
    const size = p.call('wsp_state_save', p.handle);
    if (p.broken) return null;
    if (size < 0) {
      p.error = `Plugin '${p.name}' failed to save its state`;
      return null;
    }
    const address = p.call('wsp_state_buffer', p.handle, size) >>> 0;
    if (p.broken) return null;
    if (!p.inside(address, size, 1)) {
      p.error = `Plugin '${p.name}': wsp_state_buffer is null or outside memory (ABI-15)`;
      return null;
    }
    return new Uint8Array(p.memory.buffer, address, size);
  }

  stateLoad(handle, source, size) {
    const p = this.live(handle);
    if (p === null || p.broken) return CALL_TRAPPED;
    this.engineViews();
    return this.loadState(p, this.engineBytes.subarray(source, source + size));
  }

  // [main] `bytes` into the plugin's state buffer, then wsp_state_load: a CALL_ status.
  loadState(p, bytes) {
    const size = bytes.length;
    const address = p.call('wsp_state_buffer', p.handle, size) >>> 0;
    if (p.broken) return CALL_TRAPPED;
    if (!p.inside(address, size, 1) && size > 0) {
      p.error = `Plugin '${p.name}' has no room for ${size} bytes of state`;
      return CALL_FAILED;
    }
    new Uint8Array(p.memory.buffer, address, size).set(bytes);
    const status = p.call('wsp_state_load', p.handle, size);
    if (p.broken) return CALL_TRAPPED;
    if (status !== WSP_OK) {
      p.error = `Plugin '${p.name}' rejected the state (status ${status})`;
      return CALL_FAILED;
    }
    return CALL_OK;
  }
}
