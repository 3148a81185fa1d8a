#include "insert_processor.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>

namespace wstudio::engine {

namespace {
void copyText(char* to, std::size_t capacity, std::string_view from) {
  const std::size_t n = std::min(capacity - 1, from.size());
  std::memcpy(to, from.data(), n);
  to[n] = '\0';
}
}  // namespace

InsertProcessor::InsertProcessor(InsertIdentity identity, std::shared_ptr<HostedPlugin> plugin,
                                 InsertPlacement placement,
                                 std::vector<std::pair<uint32_t, double>> params,
                                 std::vector<ParamAutomation> automation,
                                 uint32_t maxBlockFrames, std::size_t noteEventCapacity)
    : identity_(std::move(identity)),
      plugin_(std::move(plugin)),
      plannedLatency_(placement.plannedLatency),
      inputLatency_(placement.inputLatency),
      receivesNotes_(placement.receivesNotes),
      inPath_(placement.inPath),
      dry_(2 * std::size_t(maxBlockFrames)),
      params_(std::move(params)),
      automation_(std::move(automation)),
      dryPath_(placement.plannedLatency) {
  wet_.setup(placement.sampleRate, placement.bypassRampMs);
  wet_.snapTo(inPath_ ? 1.0f : 0.0f);
  std::size_t capacity =
      params_.size() + (receivesNotes_ ? noteEventCapacity : 0) + kLiveEventsPerCall;
  for (const auto& lane : automation_) capacity += lane.maxEventsPerCall(maxBlockFrames);
  events_ = EventList(capacity);
}

bool InsertProcessor::active() const {
  return plugin_ && !plugin_->disabled.load(std::memory_order_relaxed);
}

void InsertProcessor::process(int64_t timelineFrame, uint32_t frames, float* left, float* right,
                              RenderContext& context) {
  if (!active()) {
    events_.clear();
    dryPath_.process(left, right, frames);
    return;
  }
  const bool crossfading = wet_.isSmoothing();
  if (!inPath_ && !crossfading) {
    events_.clear();  // bypassed: the signal passes untouched (an un-bypass sends the params)
    return;
  }
  float* dryLeft = dry_.data();
  float* dryRight = dry_.data() + dry_.size() / 2;
  if (crossfading) {
    std::memcpy(dryLeft, left, frames * sizeof(float));
    std::memcpy(dryRight, right, frames * sizeof(float));
    dryPath_.process(dryLeft, dryRight, frames);  // aligned with the plugin's output, and primed
  }
  host::PluginInstance& instance = *plugin_->instance;
  if (!paramsSent_) {
    for (const auto& [id, value] : params_) events_.add(paramEvent(0, id, value));
    paramsSent_ = true;
  }
  const int64_t signalFrame = timelineFrame - int64_t(inputLatency_);
  for (const auto& lane : automation_) lane.collect(signalFrame, frames, events_);
  events_.sort();

  const host::PluginDescriptor& descriptor = instance.descriptor();
  const uint32_t inputs = descriptor.inputs;
  if (inputs == 1) {
    float* in = instance.input(0);
    for (uint32_t i = 0; i < frames; ++i) in[i] = 0.5f * (left[i] + right[i]);
  } else if (inputs >= 2) {
    std::memcpy(instance.input(0), left, frames * sizeof(float));
    std::memcpy(instance.input(1), right, frames * sizeof(float));
    for (uint32_t c = 2; c < inputs; ++c) std::memset(instance.input(c), 0, frames * sizeof(float));
  }

  // Timed under a budget or when metered; offline rendering skips it.
  const bool timed = context.budgetSecondsPerFrame > 0.0 || context.cpuScale > 0.0;
  const auto started = timed ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point{};
  const bool ok = instance.process(frames, events_.view());
  const std::chrono::duration<double> took =
      timed ? std::chrono::steady_clock::now() - started : std::chrono::duration<double>{};
  events_.clear();
  if (context.cpuScale > 0.0) cpu_.add(took.count() * context.cpuScale);
  if (!ok) {
    // The host silenced the output; the dry signal (through the latency delay) takes over now.
    // process() returns false only for a faulted instance; Failed covers a backend that broke that.
    disable(instance.faulted() ? instance.fault() : Fault::Failed, context);
    dryPath_.process(left, right, frames);
    return;
  }
  // Keep the dry path primed so that a later fault hands over without a gap.
  if (!crossfading) dryPath_.push(left, right, frames);
  const uint32_t outputs = descriptor.outputs;
  if (outputs == 1) {
    std::memcpy(left, instance.output(0), frames * sizeof(float));
    std::memcpy(right, instance.output(0), frames * sizeof(float));
  } else if (outputs >= 2) {
    std::memcpy(left, instance.output(0), frames * sizeof(float));
    std::memcpy(right, instance.output(1), frames * sizeof(float));
  }
  if (crossfading) {
    for (uint32_t i = 0; i < frames; ++i) {
      const float wet = wet_.next();
      left[i] = dryLeft[i] + wet * (left[i] - dryLeft[i]);
      right[i] = dryRight[i] + wet * (right[i] - dryRight[i]);
    }
  }
  if (context.budgetSecondsPerFrame > 0.0 &&
      took.count() > context.budgetSecondsPerFrame * double(frames)) {
    disable(Fault::OverBudget, context);  // this call's output was good: it is kept
    return;
  }
  const uint32_t latency = instance.latency();
  if (latency != plugin_->latency.load(std::memory_order_relaxed)) {
    plugin_->latency.store(latency, std::memory_order_relaxed);
  }
  // A bypassed plugin's latency is not compensated, so only a plugin in the path can change it.
  if (inPath_ && latency != plannedLatency_) context.latencyChanged = true;
}

bool InsertProcessor::queueParam(uint32_t frame, uint32_t id, double value) {
  if (!plugin_ || !std::isfinite(value)) return false;
  const host::ParamInfo* param = plugin_->instance->descriptor().findParam(id);
  if (param == nullptr) return false;
  events_.add(paramEvent(frame, id, param->clamp(value)));
  return true;
}

void InsertProcessor::disable(Fault kind, RenderContext& context) {
  plugin_->disabled.store(true, std::memory_order_relaxed);
  if (context.faults == nullptr) return;
  FaultReport report;
  report.kind = kind;
  report.slot = identity_.slot;
  copyText(report.track, sizeof report.track, identity_.trackId);
  copyText(report.insert, sizeof report.insert, identity_.insertId);
  const std::string_view message = kind == Fault::OverBudget
                                       ? std::string_view("exceeded its time budget")
                                       : std::string_view(plugin_->instance->faultMessage());
  copyText(report.message, sizeof report.message, message);
  context.faults->push(report);
}

void InsertProcessor::adopt(const InsertProcessor& previous) {
  if (previous.plugin_ != plugin_ || plugin_ == nullptr) return;  // a new instance starts as set
  wet_.snapTo(previous.wet_.current());
  wet_.setTarget(inPath_ ? 1.0f : 0.0f);
}

void InsertProcessor::reset() {
  events_.keepOnly(WSP_EVENT_PARAM);
  dryPath_.clear();
  if (active()) plugin_->instance->reset();
}

}  // namespace wstudio::engine
