// vAIst Forge's plugin API on the WSP SDK: what makes an imported vAIst project (a
// `VAIstProcessor` class with prepare/reset/process and set_<id> per parameter, see
// docs/forge-vaist-import.md) a WSP plugin built by the Forge like any other. The Forge's importer
// writes a plugin.cpp that holds the project's own files and ends with a class deriving from
// Adapter, which declares the parameters (from descriptor.json) and how each one is set.
//
// What the adapter gives a vAIst plugin that its own bindings could not: any number of instances
// (each owns its processor; the bindings had one static), parameters applied at their frame and
// glided like every SDK float, state, buffers owned by the plugin.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>

#include <wsp/sdk.hpp>

namespace wsp::vaist {

// `Processor`: the project's VAIstProcessor. `Setters::set(processor, index, value)` calls the
// set_<id> of the parameter at `index` in the descriptor's order.
template <typename Processor, typename Setters>
class Adapter : public wsp::sdk::Plugin {
 public:
  void activate(double sampleRate, uint32_t /*maxFrames*/) { processor_.prepare(static_cast<float>(sampleRate)); }

  void reset() { processor_.reset(); }

  // vAIst's process works in place on the output, always stereo (its bindings copied the input
  // there first): the same here. While a parameter glides, the processor runs one frame at a
  // time with every set_<id> called before each frame (a vAIst processor does not smooth: calls
  // further apart step audibly, ABI-16); otherwise the rest of the block in one call.
  void process(const wsp::sdk::Block& block) {
    const auto values = paramValues();
    for (uint32_t done = 0; done < block.frames();) {
      bool gliding = false;
      for (const wsp::sdk::ParamValue& value : values) gliding = gliding || value.isSmoothing();
      const uint32_t frames = gliding ? 1 : block.frames() - done;
      for (uint32_t i = 0; i < values.size(); ++i) Setters::set(processor_, i, values[i].skip(frames));
      float* buffers[2] = {block.output(0) + done, block.output(1) + done};
      std::memcpy(buffers[0], block.input(0) + done, frames * sizeof(float));
      std::memcpy(buffers[1], block.input(1) + done, frames * sizeof(float));
      processor_.process(buffers, 2, static_cast<int>(frames));
      done += frames;
    }
  }

 private:
  Processor processor_;
};

}  // namespace wsp::vaist
