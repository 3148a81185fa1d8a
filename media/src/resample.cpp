#include "wstudio/media/resample.hpp"

#include <samplerate.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "wstudio/media/media_error.hpp"

namespace wstudio::media {
namespace {

struct SrcStateDeleter {
  void operator()(SRC_STATE* state) const { src_delete(state); }
};

// Input fed per src_process call: bounds the interleaved scratch memory for long files.
constexpr std::size_t kChunkFrames = 1 << 16;

std::vector<float> interleave(const AudioBuffer& source, std::size_t first, std::size_t frames) {
  const auto channels = static_cast<std::size_t>(source.channelCount());
  std::vector<float> out(frames * channels);
  for (std::size_t c = 0; c < channels; ++c) {
    const float* in = source.channels[c].data() + first;
    for (std::size_t i = 0; i < frames; ++i) out[i * channels + c] = in[i];
  }
  return out;
}

}  // namespace

AudioBuffer resample(const AudioBuffer& source, int targetRate) {
  if (source.sampleRate == targetRate || source.frames() == 0) {
    AudioBuffer copy = source;
    copy.sampleRate = targetRate;
    return copy;
  }
  const double ratio = static_cast<double>(targetRate) / source.sampleRate;
  if (src_is_valid_ratio(ratio) == 0) {
    throw MediaError("cannot resample from " + std::to_string(source.sampleRate) + " Hz to " +
                     std::to_string(targetRate) + " Hz: the ratio is beyond 1:256");
  }
  const int channelCount = source.channelCount();
  const auto channels = static_cast<std::size_t>(channelCount);
  const auto targetFrames =
      static_cast<std::size_t>(std::llround(static_cast<double>(source.frames()) * ratio));

  int error = 0;
  const std::unique_ptr<SRC_STATE, SrcStateDeleter> state(
      src_new(SRC_SINC_BEST_QUALITY, channelCount, &error));
  if (!state) throw MediaError(std::string("cannot start the resampler: ") + src_strerror(error));

  // Room for a chunk's output plus what the converter still holds back from earlier chunks.
  const std::size_t outCapacity = static_cast<std::size_t>(std::ceil(kChunkFrames * ratio)) + 4096;
  std::vector<float> out(outCapacity * channels);
  AudioBuffer result;
  result.sampleRate = targetRate;
  result.channels.assign(channels, {});
  for (auto& channel : result.channels) channel.reserve(targetFrames);

  std::size_t consumed = 0;
  // After the last input (end_of_input) the converter is called until it has flushed its filter
  // tail, so the output ends where the input ends.
  while (result.frames() < targetFrames) {
    const std::size_t chunk = std::min(kChunkFrames, source.frames() - consumed);
    const std::vector<float> in = interleave(source, consumed, chunk);
    SRC_DATA data{};
    data.data_in = in.data();
    data.input_frames = static_cast<long>(chunk);
    data.data_out = out.data();
    data.output_frames = static_cast<long>(outCapacity);
    data.end_of_input = consumed + chunk == source.frames() ? 1 : 0;
    data.src_ratio = ratio;
    if (const int code = src_process(state.get(), &data); code != 0) {
      throw MediaError(std::string("resampling failed: ") + src_strerror(code));
    }
    consumed += static_cast<std::size_t>(data.input_frames_used);
    const auto generated = static_cast<std::size_t>(data.output_frames_gen);
    const std::size_t keep = std::min(generated, targetFrames - result.frames());
    for (std::size_t c = 0; c < channels; ++c) {
      for (std::size_t i = 0; i < keep; ++i) result.channels[c].push_back(out[i * channels + c]);
    }
    if (data.end_of_input && generated == 0) break;
  }
  // The converter may stop a frame short of the rounded length: the missing end is silence.
  for (auto& channel : result.channels) channel.resize(targetFrames, 0.0f);
  return result;
}

}  // namespace wstudio::media
