// The ABI functions for plugin class P, as static functions: WSP_PLUGIN exports them from a wasm
// module under their wsp_* names (ABI-1), or hands them out as a wsp_plugin_api table natively.
// Every function checks its handle, so a host bug becomes an error code, not a wild write.
#pragma once

#include <cmath>
#include <cstdint>
#include <new>

#include "wsp/sdk/descriptor.hpp"
#include "wsp/sdk/instance.hpp"
#include "wsp/sdk/validate.hpp"
#include "wsp/wsp_plugin.h"

namespace wsp::sdk::detail {

template <typename P>
struct Exports {
  static_assert(validInfo(P::info));
  static_assert(validParams(std::span<const Param>{P::params}));

  static Instance<P>* self(wsp_instance* instance) {
    return reinterpret_cast<Instance<P>*>(instance);
  }

  static uint32_t abiVersion() { return WSP_ABI_VERSION; }
  static const char* descriptor() { return Descriptor<P>::text.data(); }
  static wsp_instance* create() {
    return reinterpret_cast<wsp_instance*>(new (std::nothrow) Instance<P>());
  }
  static void destroy(wsp_instance* i) { delete self(i); }
  static int32_t activate(wsp_instance* i, double sampleRate, uint32_t maxFrames) {
    return i ? self(i)->activate(sampleRate, maxFrames) : WSP_ERR_INVALID_ARGUMENT;
  }
  static void deactivate(wsp_instance* i) {
    if (i) self(i)->deactivate();
  }
  static void reset(wsp_instance* i) {
    if (i) self(i)->reset();
  }
  static float* audioBuffer(wsp_instance* i, uint32_t port, uint32_t channel) {
    return i ? self(i)->audioBuffer(port, channel) : nullptr;
  }
  static wsp_event* eventBuffer(wsp_instance* i) { return i ? self(i)->eventBuffer() : nullptr; }
  static uint32_t eventCapacity(wsp_instance* i) { return i ? self(i)->eventCapacity() : 0; }
  static int32_t process(wsp_instance* i, uint32_t frames, uint32_t eventCount) {
    return i ? self(i)->process(frames, eventCount) : WSP_ERR_INVALID_ARGUMENT;
  }
  static double paramGet(wsp_instance* i, uint32_t id) {
    return i ? self(i)->paramGet(id) : std::nan("");
  }
  static uint32_t latency(wsp_instance* i) { return i ? self(i)->latency() : 0; }
  static const uint32_t* latencyWordAddress(wsp_instance* i) {
    return i ? self(i)->latencyWord() : nullptr;
  }
  static uint32_t tail(wsp_instance* i) { return i ? self(i)->tail() : 0; }
  static int32_t stateSave(wsp_instance* i) {
    return i ? self(i)->stateSave() : WSP_ERR_INVALID_ARGUMENT;
  }
  static uint8_t* stateBuffer(wsp_instance* i, uint32_t minSize) {
    return i ? self(i)->stateBuffer(minSize) : nullptr;
  }
  static int32_t stateLoad(wsp_instance* i, uint32_t size) {
    return i ? self(i)->stateLoad(size) : WSP_ERR_INVALID_ARGUMENT;
  }

  static constexpr wsp_plugin_api table = {
      &abiVersion, &descriptor, &create,   &destroy, &activate,  &deactivate,
      &reset,      &audioBuffer, &eventBuffer, &eventCapacity, &process, &paramGet,
      &latency,    &tail,       &stateSave, &stateBuffer, &stateLoad,
  };
};

}  // namespace wsp::sdk::detail
