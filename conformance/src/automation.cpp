#include "automation.hpp"

#include "note_patterns.hpp"

namespace wstudio::conformance {

std::vector<TimedEvent> randomAutomation(const Context& context, Random& random, size_t frames,
                                         size_t count) {
  std::vector<TimedEvent> events;
  const auto& params = context.descriptor().params;
  if (params.empty()) return events;
  for (size_t i = 0; i < count; ++i) {
    const auto& param = params[random.below(static_cast<uint32_t>(params.size()))];
    events.push_back({random.below(static_cast<uint32_t>(frames)),
                      paramEvent(param.id, param.clamp(valueAt(param, random.uniform())))});
  }
  return merge({}, events);
}

}  // namespace wstudio::conformance
