#include "render.hpp"

#include <algorithm>
#include <span>

#include "check_context.hpp"
#include "latency_word.hpp"
#include "wsp/wsp_events.hpp"

namespace wstudio::conformance {

wsp_event paramEvent(uint32_t id, double value) { return wsp::paramEvent(0, id, value); }

wsp_event noteOn(uint16_t key, float velocity, int32_t noteId) {
  return wsp::noteEvent(WSP_EVENT_NOTE_ON, 0, key, velocity, 0, noteId);
}

wsp_event noteOff(uint16_t key, int32_t noteId) {
  return wsp::noteEvent(WSP_EVENT_NOTE_OFF, 0, key, 0.0f, 0, noteId);
}

wsp_event midiEvent(uint8_t status, uint8_t data1, uint8_t data2) {
  return wsp::midiEvent(0, status, data1, data2);
}

Audio render(host::PluginInstance& instance, const RenderJob& job) {
  const auto& descriptor = instance.descriptor();
  Audio output(descriptor.outputs, job.frames);
  const uint64_t denormalsBefore = instance.flushedDenormals();
  std::vector<wsp_event> blockEvents;
  size_t nextEvent = 0;
  size_t blockIndex = 0;
  for (size_t start = 0; start < job.frames; ++blockIndex) {
    const uint32_t size = static_cast<uint32_t>(std::min<size_t>(
        job.blockSizes[blockIndex % job.blockSizes.size()], job.frames - start));
    blockEvents.clear();
    while (nextEvent < job.events.size() && job.events[nextEvent].frame < start + size) {
      wsp_event event = job.events[nextEvent++].event;
      const uint64_t frame = job.events[nextEvent - 1].frame;
      event.frame = static_cast<uint32_t>(frame > start ? frame - start : 0);
      blockEvents.push_back(event);
    }
    for (uint32_t c = 0; c < descriptor.inputs; ++c) {
      float* in = instance.input(c);
      if (job.input != nullptr && c < job.input->channelCount()) {
        std::copy_n(job.input->channels[c].data() + start, size, in);
      } else {
        std::fill_n(in, size, 0.0f);
      }
    }
    if (!instance.process(size, std::span<const wsp_event>(blockEvents))) {
      failIfFaulted(instance, "in the block starting at frame " + std::to_string(start) + " of " +
                                   job.situation);
      fail("wsp_process failed at frame " + std::to_string(start) + " without a fault, " +
           job.situation);
    }
    // A host reads the latency word after each block instead of calling wsp_latency (ABI-20).
    if (instance.latencyWord()) {
      verifyLatencyWord(instance, "wsp_process in the block starting at frame " +
                                      std::to_string(start) + " of " + job.situation);
    }
    for (uint32_t c = 0; c < descriptor.outputs; ++c) {
      std::copy_n(instance.output(c), size, output.channels[c].data() + start);
    }
    start += size;
  }
  const uint64_t denormals = instance.flushedDenormals() - denormalsBefore;
  if (denormals > 0) {
    fail("ABI-12", std::to_string(denormals) +
                       " output samples were denormal (the host flushed them to zero) with " +
                       job.situation +
                       "; flush tiny values in feedback paths and smoothers to zero");
  }
  return output;
}

}  // namespace wstudio::conformance
