// The files one `vaist render` writes (the mix and the stems), all or none: each is opened as a
// temporary before rendering, so that a format the file cannot have or a missing folder is
// reported before minutes of rendering; each is written and measured after; and only when every
// one is complete are they moved into place. Destroyed before that, it leaves nothing behind.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "wstudio/engine/offline_renderer.hpp"
#include "wstudio/media/audio_file_writer.hpp"
#include "wstudio/media/loudness.hpp"

namespace vaist {

class RenderOutputs {
 public:
  RenderOutputs(const wstudio::media::EncodeOptions& encoding, int sampleRate);

  // Throws wstudio::media::MediaError naming the file.
  void add(const std::filesystem::path& file);
  const std::vector<std::filesystem::path>& files() const { return files_; }

  // audio[i] goes to files()[i]. Returns each file's loudness. Throws MediaError.
  std::vector<wstudio::media::Loudness> writeAndCommit(
      const std::vector<const wstudio::engine::StereoBuffer*>& audio);

 private:
  wstudio::media::EncodeOptions encoding_;
  int sampleRate_;
  std::vector<std::filesystem::path> files_;
  std::vector<std::unique_ptr<wstudio::media::AudioFileWriter>> writers_;
};

// The stems folder, made if missing, and removed again when the render fails and it is empty.
class StemsFolder {
 public:
  explicit StemsFolder(const std::optional<std::filesystem::path>& folder);
  ~StemsFolder();
  StemsFolder(const StemsFolder&) = delete;
  StemsFolder& operator=(const StemsFolder&) = delete;
  // The render succeeded: keep the folder.
  void keep() { kept_ = true; }

 private:
  std::filesystem::path created_;
  bool kept_ = false;
};

// "stems/01-drums.wav": numbered in display order, so a folder listing shows the session's order.
std::filesystem::path stemFile(const std::filesystem::path& folder, std::size_t index,
                               std::size_t count, const std::string& trackId,
                               wstudio::media::FileFormat format);

}  // namespace vaist
