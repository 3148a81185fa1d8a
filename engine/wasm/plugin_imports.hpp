// The import interface through which engine.wasm reaches plugins: module "wstudio_plugin",
// version 2 (kPluginImportsVersion). Each plugin instance is its own WebAssembly.Instance with
// its own memory, owned by the JavaScript host; the engine names it by a handle. The rules EW-1..
// are in docs/engine-wasm.md; the context each import is called in is tagged like CLAP's:
//   [main]  the thread that loads sessions and builds graphs (in a browser: the AudioWorklet's
//           message handler, outside process());
//   [audio] inside we_render / we_render_offline; must not allocate or block.
// Handles are positive int32 values; 0 means none. Pointers are addresses in engine memory.
#pragma once

#include <cstdint>

namespace wstudio::engine::wasm {

inline constexpr int32_t kPluginImportsVersion = 2;

// Results of the calls that run plugin code (EW-6).
enum PluginCallStatus : int32_t {
  kCallOk = 0,
  kCallTrapped = 1,  // the plugin threw (a WebAssembly trap, or the host could not call it)
  kCallFailed = 2,   // the plugin returned an error status
};

// What `process` returns instead (EW-5): the plugin's latency on success, else one of these.
inline constexpr int32_t kProcessTrapped = -1;
inline constexpr int32_t kProcessFailed = -2;

}  // namespace wstudio::engine::wasm

#define WSTUDIO_PLUGIN_IMPORT(name) \
  __attribute__((import_module("wstudio_plugin"), import_name(#name)))

extern "C" {

// [main] A new plugin instance from a registered module (EW-2), in a WebAssembly.Instance of the
// module of its own or shared with others of the module. 0 when it could not be made; then
// last_error(0) says why.
WSTUDIO_PLUGIN_IMPORT(create) int32_t wstudio_plugin_create(int32_t module);
// [main] wsp_deactivate (if active) and wsp_destroy, unless the instance trapped (EW-7); then
// the host drops the instance.
WSTUDIO_PLUGIN_IMPORT(destroy) void wstudio_plugin_destroy(int32_t instance);
// [main] wsp_activate and the checks of ABI-9 on the plugin's buffers (EW-3). 0: active; else
// an error whose text last_error gives.
WSTUDIO_PLUGIN_IMPORT(activate)
int32_t wstudio_plugin_activate(int32_t instance, double sampleRate, int32_t maxFrames);
// [main]
WSTUDIO_PLUGIN_IMPORT(deactivate) void wstudio_plugin_deactivate(int32_t instance);
// [main] After activate: how many events the plugin's event buffer holds.
WSTUDIO_PLUGIN_IMPORT(event_capacity) int32_t wstudio_plugin_event_capacity(int32_t instance);
// [main] After activate: where the engine keeps this instance's staging buffers (EW-4):
// `inputs` and `outputs` hold channel c at + c * maxFrames floats, `events` holds up to the
// event capacity (capped by the engine) 32-byte wsp_event records.
WSTUDIO_PLUGIN_IMPORT(bind)
void wstudio_plugin_bind(int32_t instance, int32_t inputs, int32_t outputs, int32_t events);
// [audio] Copies `frames` frames of every input channel and `eventCount` events from the
// staging buffers into the plugin's memory, calls wsp_process, copies the outputs back and
// returns the plugin's wsp_latency after the call (>= 0, saturated at 2^31 - 1), or
// kProcessTrapped / kProcessFailed (EW-5, EW-6).
WSTUDIO_PLUGIN_IMPORT(process)
int32_t wstudio_plugin_process(int32_t instance, int32_t frames, int32_t eventCount);
// [audio] wsp_reset.
WSTUDIO_PLUGIN_IMPORT(reset) int32_t wstudio_plugin_reset(int32_t instance);
// [main][audio] wsp_param_get; NaN when the plugin trapped.
WSTUDIO_PLUGIN_IMPORT(param_get) double wstudio_plugin_param_get(int32_t instance, int32_t id);
// [main][audio] wsp_latency / wsp_tail; -1 when the plugin trapped. (After a process call the
// engine has the latency already: process returned it.)
WSTUDIO_PLUGIN_IMPORT(latency) int32_t wstudio_plugin_latency(int32_t instance);
WSTUDIO_PLUGIN_IMPORT(tail) int32_t wstudio_plugin_tail(int32_t instance);
// [main] wsp_state_save, copying up to `capacity` bytes to `destination`. Returns the state's
// full size (the engine calls again with room for it when it did not fit), -1 when the plugin
// failed to save, -2 when it trapped.
WSTUDIO_PLUGIN_IMPORT(state_save)
int32_t wstudio_plugin_state_save(int32_t instance, int32_t destination, int32_t capacity);
// [main] Copies `size` bytes into the plugin's state buffer and calls wsp_state_load: a
// PluginCallStatus.
WSTUDIO_PLUGIN_IMPORT(state_load)
int32_t wstudio_plugin_state_load(int32_t instance, int32_t source, int32_t size);
// [main][audio, after a failed call] The text of the instance's last error, UTF-8, cut to
// `capacity` bytes at `destination`; returns the bytes written (EW-6). Instance 0: why the last
// create failed.
WSTUDIO_PLUGIN_IMPORT(last_error)
int32_t wstudio_plugin_last_error(int32_t instance, int32_t destination, int32_t capacity);
// [main] Bytes of linear memory of the instance's WebAssembly.Instance.
WSTUDIO_PLUGIN_IMPORT(memory_bytes) double wstudio_plugin_memory_bytes(int32_t instance);

}  // extern "C"
