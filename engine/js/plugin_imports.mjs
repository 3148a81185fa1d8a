// The wstudio_plugin imports of engine.wasm (docs/engine-wasm.md, EW-1..EW-12): one table of
// registered modules and of plugin instances, whatever their format, and the engine-memory views
// they copy through. Each import finds the instance by its handle and hands the call to the
// driver of its module's format: WSP modules (wsp_plugins.mjs) or vAIst Forge modules
// (vaist_plugins.mjs). Both keep the same fault rules (EW-5..EW-8). No Node API, nor any an
// AudioWorkletGlobalScope lacks.
import { CALL_FAILED, CALL_TRAPPED, PLUGIN_IMPORT_NAMES } from './generated/wsp_boundary.mjs';
import { encodeUtf8Into } from './utf8.mjs';
import { StagingViews } from './plugin_support.mjs';
import { VaistPluginHost } from './vaist_plugins.mjs';
import { WspPluginHost } from './wsp_plugins.mjs';

// The slots of PluginImports.running: what plugin code the thread is inside, if any (EW-15).
export const RUNNING_INSTANCE = 0; // the engine's instance handle (0 while one is being created)
export const RUNNING_MODULE = 1;   // its module's handle

export class PluginImports {
  constructor() {
    // Written around every call into a plugin's driver, read by another thread: when the thread
    // that runs plugins stops answering (a plugin in an endless loop cannot be interrupted from
    // JavaScript), a watchdog elsewhere reads which one it is inside. Shared memory where there
    // is some (a cross-origin isolated page).
    this.running = new Int32Array(typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(8) : new ArrayBuffer(8));
    this.modules = [null];    // module handle -> entry ({ module, name, driver, ... }, by driver)
    this.instances = [null];  // instance handle -> plugin instance, its entry at .entry (null once destroyed)
    this.engineMemory = null; // set by the engine host after instantiating engine.wasm
    this.engineFloats = null;
    this.engineWords = null;
    this.engineBytes = null;
    this.engineDoubles = null;
    this.stagingViews = new StagingViews();
    this.createError = '';    // why the last create failed: last_error(0)
    this.wsp = new WspPluginHost(this);
    this.vaist = new VaistPluginHost(this);
  }

  // Renews the engine-memory views after engine memory grew (its old buffer is then detached
  // and views of it have length 0).
  engineViews() {
    if (this.engineFloats === null || this.engineFloats.length === 0) {
      const buffer = this.engineMemory.buffer;
      this.engineFloats = new Float32Array(buffer);
      this.engineWords = new Int32Array(buffer);
      this.engineBytes = new Uint8Array(buffer);
      this.engineDoubles = new Float64Array(buffer, 0, buffer.byteLength >>> 3);
    }
  }

  live(handle) {
    return this.instances[handle] ?? null;
  }

  // Runs a driver call with `running` naming the instance and module it enters. The drivers turn
  // a plugin's throw into a status, so nothing is left set when they return.
  inside(handle, module, call) {
    const running = this.running;
    running[RUNNING_INSTANCE] = handle;
    running[RUNNING_MODULE] = module;
    try {
      return call();
    } finally {
      running[RUNNING_INSTANCE] = 0;
      running[RUNNING_MODULE] = 0;
    }
  }

  // The import object for engine.wasm's "wstudio_plugin" module: exactly the functions the
  // boundary table lists (a host that drifted from it fails here, before engine.wasm would).
  imports() {
    const imports = this.importFunctions();
    const names = Object.keys(imports);
    if (names.length !== PLUGIN_IMPORT_NAMES.length || !PLUGIN_IMPORT_NAMES.every((n) => names.includes(n))) {
      throw new Error(`the host's wstudio_plugin imports (${names.sort()}) are not the boundary's (${[...PLUGIN_IMPORT_NAMES].sort()})`);
    }
    return imports;
  }

  importFunctions() {
    return {
      create: (module) => {
        const entry = this.modules[module];
        if (!entry) return 0;
        const handle = this.inside(0, module, () => entry.driver.create(module));
        if (!handle) this.createError = entry.driver.createError;
        else this.instances[handle].moduleHandle = module;
        return handle;
      },
      destroy: (handle) => {
        const p = this.live(handle);
        if (p === null) return;
        this.inside(handle, p.moduleHandle, () => p.entry.driver.destroy(handle));
        this.instances[handle] = null;
      },
      activate: (handle, sampleRate, maxFrames) => {
        const p = this.live(handle);
        return p === null ? CALL_FAILED : this.inside(handle, p.moduleHandle, () => p.entry.driver.activate(handle, sampleRate, maxFrames));
      },
      deactivate: (handle) => {
        const p = this.live(handle);
        if (p !== null) this.inside(handle, p.moduleHandle, () => p.entry.driver.deactivate(handle));
      },
      event_capacity: (handle) => this.live(handle)?.eventCapacity ?? 0,
      bind: (handle, inputs, outputs, events) => {
        const p = this.live(handle);
        if (p === null) return;
        p.stage = { inputs: inputs >>> 2, outputs: outputs >>> 2, events: events >>> 2 };
        this.engineViews();
        p.renewViews(this.stagingViews, this.engineFloats);
      },
      // The audio thread's call, once per insert and block: no closure (inside() takes one).
      process: (handle, frames, eventCount) => {
        const p = this.instances[handle];
        if (!p) return CALL_TRAPPED;
        const running = this.running;
        running[RUNNING_INSTANCE] = handle;
        running[RUNNING_MODULE] = p.moduleHandle;
        const result = p.entry.driver.process(handle, frames, eventCount);
        running[RUNNING_INSTANCE] = 0;
        running[RUNNING_MODULE] = 0;
        return result;
      },
      reset: (handle) => {
        const p = this.live(handle);
        return p === null ? CALL_TRAPPED : this.inside(handle, p.moduleHandle, () => p.entry.driver.reset(handle));
      },
      param_get: (handle, id) => {
        const p = this.live(handle);
        return p === null ? NaN : this.inside(handle, p.moduleHandle, () => p.entry.driver.paramGet(handle, id));
      },
      latency: (handle) => {
        const p = this.instances[handle];
        return p ? this.inside(handle, p.moduleHandle, () => p.entry.driver.latency(handle)) : CALL_TRAPPED;
      },
      tail: (handle) => {
        const p = this.live(handle);
        return p === null ? CALL_TRAPPED : this.inside(handle, p.moduleHandle, () => p.entry.driver.tail(handle));
      },
      state_save: (handle, destination, capacity) => {
        const p = this.live(handle);
        return p === null ? CALL_TRAPPED : this.inside(handle, p.moduleHandle, () => p.entry.driver.stateSave(handle, destination, capacity));
      },
      state_load: (handle, source, size) => {
        const p = this.live(handle);
        return p === null ? CALL_TRAPPED : this.inside(handle, p.moduleHandle, () => p.entry.driver.stateLoad(handle, source, size));
      },
      last_error: (handle, destination, capacity) => {
        const p = this.live(handle);
        const text = p !== null ? p.error : handle === 0 ? this.createError : `no plugin instance ${handle}`;
        this.engineViews();
        const { written } = encodeUtf8Into(text, this.engineBytes.subarray(destination, destination + capacity));
        return written;
      },
      memory_bytes: (handle) => this.live(handle)?.memory.buffer.byteLength ?? 0,
    };
  }
}
