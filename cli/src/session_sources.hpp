// The audio of a session's clips for `vaist render`: every source is decoded (and resampled to
// the engine's rate with the media library's best-quality converter) before the graph is built,
// so that a missing or damaged file stops the render with its clip's name instead of playing
// silence.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "wstudio/engine/audio_source.hpp"
#include "wstudio/session/model.hpp"

namespace vaist {

class SessionSources : public wstudio::engine::SourceProvider {
 public:
  // Decodes every audio clip's source, paths relative to `sessionFolder`, at `engineRate`.
  // Each failure is one line in errors(): the clip's JSON path, ids and the decoder's reason.
  SessionSources(const wstudio::session::Session& session,
                 const std::filesystem::path& sessionFolder, int engineRate);

  const std::vector<std::string>& errors() const { return errors_; }

  std::shared_ptr<const wstudio::engine::DecodedAudio> decoded(
      const wstudio::session::AudioSource& source, double engineRate) override;

 private:
  std::map<std::string, std::shared_ptr<const wstudio::engine::DecodedAudio>> byPath_;
  std::vector<std::string> errors_;
};

}  // namespace vaist
