// The base class of every SDK plugin. It gives the plugin its parameters and the activation
// settings; the SDK's instance (instance.hpp) owns the storage and binds it before the first
// call to activate/process/hooks (so a plugin's constructor must not read parameters yet).
#pragma once

#include <cstdint>
#include <span>

#include "wsp/sdk/param_value.hpp"

namespace wsp::sdk {

namespace detail {
template <typename P>
class Instance;
}

class Plugin {
 public:
  // The parameter with this id from the plugin's table. An id not in the table is a bug in the
  // plugin, not a run-time condition: it traps.
  ParamValue& param(uint32_t id) { return params_[indexOf(id)]; }
  const ParamValue& param(uint32_t id) const { return params_[indexOf(id)]; }

  // Every parameter's live value, in table order. Loops over all parameters in process() should
  // use these rather than the static table: in a .wasm each instance has its own copy of static
  // data, and a session calls hundreds of instances in turn, so that copy is cold at every call.
  std::span<ParamValue> paramValues() { return {params_, paramCount_}; }

  // Valid from activate() on.
  double sampleRate() const { return sampleRate_; }
  uint32_t maxFrames() const { return maxFrames_; }

 protected:
  Plugin() = default;
  ~Plugin() = default;
  Plugin(const Plugin&) = delete;
  Plugin& operator=(const Plugin&) = delete;

 private:
  template <typename P>
  friend class detail::Instance;

  uint32_t indexOf(uint32_t id) const {
    // Tables usually number their parameters 0, 1, 2...: one comparison then.
    if (id < paramCount_ && params_[id].id() == id) return id;
    for (uint32_t i = 0; i < paramCount_; ++i)
      if (params_[i].id() == id) return i;
    __builtin_trap();
  }

  ParamValue* params_ = nullptr;
  uint32_t paramCount_ = 0;
  double sampleRate_ = 0.0;
  uint32_t maxFrames_ = 0;
};

}  // namespace wsp::sdk
