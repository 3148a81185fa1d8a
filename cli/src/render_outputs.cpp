#include "render_outputs.hpp"

#include <algorithm>
#include <system_error>

namespace vaist {

namespace media = wstudio::media;

RenderOutputs::RenderOutputs(const media::EncodeOptions& encoding, int sampleRate)
    : encoding_(encoding), sampleRate_(sampleRate) {}

void RenderOutputs::add(const std::filesystem::path& file) {
  writers_.push_back(std::make_unique<media::AudioFileWriter>(file, 2, sampleRate_, encoding_));
  files_.push_back(file);
}

std::vector<media::Loudness> RenderOutputs::writeAndCommit(
    const std::vector<const wstudio::engine::StereoBuffer*>& audio) {
  std::vector<media::Loudness> loudness;
  // In slices, so that the encoder's and the meter's interleaved copies stay small.
  constexpr std::size_t kSlice = 1 << 16;
  for (std::size_t i = 0; i < writers_.size(); ++i) {
    media::LoudnessMeter meter(2, sampleRate_);
    const std::size_t frames = audio[i]->left.size();
    for (std::size_t first = 0; first < frames; first += kSlice) {
      const float* channels[] = {audio[i]->left.data() + first, audio[i]->right.data() + first};
      const std::size_t count = std::min(kSlice, frames - first);
      writers_[i]->write(channels, count);
      meter.add(channels, count);
    }
    loudness.push_back(meter.result());
  }
  for (auto& writer : writers_) writer->commit();
  return loudness;
}

StemsFolder::StemsFolder(const std::optional<std::filesystem::path>& folder) {
  if (!folder) return;
  std::error_code error;
  if (!std::filesystem::exists(*folder, error) &&
      std::filesystem::create_directories(*folder, error)) {
    created_ = *folder;
  }
}

StemsFolder::~StemsFolder() {
  if (created_.empty() || kept_) return;
  std::error_code ignored;
  std::filesystem::remove(created_, ignored);  // only removes an empty folder
}

std::filesystem::path stemFile(const std::filesystem::path& folder, std::size_t index,
                               std::size_t count, const std::string& trackId,
                               media::FileFormat format) {
  const std::size_t width = std::max<std::size_t>(2, std::to_string(count).size());
  std::string number = std::to_string(index + 1);
  number.insert(0, width - number.size(), '0');
  return folder / (number + "-" + trackId + "." + std::string(media::toString(format)));
}

}  // namespace vaist
