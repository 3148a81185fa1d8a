#include "session_sources.hpp"

#include "wstudio/media/decode.hpp"
#include "wstudio/media/media_error.hpp"
#include "wstudio/media/resample.hpp"

namespace vaist {

namespace session = wstudio::session;
namespace media = wstudio::media;

SessionSources::SessionSources(const session::Session& session,
                               const std::filesystem::path& sessionFolder, int engineRate) {
  for (std::size_t t = 0; t < session.tracks.size(); ++t) {
    const session::Track& track = session.tracks[t];
    for (std::size_t c = 0; c < track.audioClips.size(); ++c) {
      const session::AudioClip& clip = track.audioClips[c];
      const std::string where = "tracks[" + std::to_string(t) + "].clips[" + std::to_string(c) +
                                "] (clip \"" + clip.id + "\" on track \"" + track.id + "\")";
      if (!clip.source.path) {
        errors_.push_back(where + ": the source has only a sha256 and no path; vaist render " +
                          "reads files, so give the clip a source.path");
        continue;
      }
      if (byPath_.contains(*clip.source.path)) continue;
      try {
        media::AudioBuffer audio =
            media::resample(media::decodeAudioFile(sessionFolder / *clip.source.path), engineRate);
        auto decoded = std::make_shared<wstudio::engine::DecodedAudio>();
        decoded->sampleRate = audio.sampleRate;
        decoded->channels = std::move(audio.channels);
        byPath_.emplace(*clip.source.path, std::move(decoded));
      } catch (const media::MediaError& error) {
        errors_.push_back(where + ": " + error.what());
        byPath_.emplace(*clip.source.path, nullptr);  // reported once, not once per clip
      }
    }
  }
}

std::shared_ptr<const wstudio::engine::DecodedAudio> SessionSources::decoded(
    const session::AudioSource& source, double) {
  const auto found = byPath_.find(source.path.value_or(""));
  return found == byPath_.end() ? nullptr : found->second;
}

}  // namespace vaist
