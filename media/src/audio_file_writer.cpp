#include "wstudio/media/audio_file_writer.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "atomic_output_file.hpp"
#include "sample_quantiser.hpp"
#include "sndfile_handle.hpp"
#include "wstudio/media/media_error.hpp"

namespace wstudio::media {
namespace {

// The rates an MPEG-1/2 Layer III stream can have.
constexpr std::array<int, 9> kMp3Rates{8000,  11025, 12000, 16000, 22050,
                                       24000, 32000, 44100, 48000};

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& what) {
  throw MediaError("cannot write " + file.string() + ": " + what);
}

// libsndfile's format word for the options, after checking that the format can hold them.
int sndfileFormat(const std::filesystem::path& file, int channelCount, int sampleRate,
                  const EncodeOptions& options) {
  if (channelCount < 1) fail(file, "there are no channels to write");
  if (sampleRate < 1) fail(file, "the sample rate must be positive");
  const bool float32 = options.sampleFormat == SampleFormat::float32;
  const int pcm = options.sampleFormat == SampleFormat::pcm16 ? SF_FORMAT_PCM_16 : SF_FORMAT_PCM_24;
  switch (options.format) {
    case FileFormat::wav:
      return SF_FORMAT_WAV | (float32 ? SF_FORMAT_FLOAT : pcm);
    case FileFormat::flac:
      if (float32) fail(file, "FLAC holds 16 or 24-bit samples, not 32-bit float; choose 16 or 24");
      if (channelCount > 8) fail(file, "FLAC holds at most 8 channels");
      return SF_FORMAT_FLAC | pcm;
    case FileFormat::mp3:
      if (channelCount > 2) fail(file, "MP3 holds mono or stereo only");
      if (std::find(kMp3Rates.begin(), kMp3Rates.end(), sampleRate) == kMp3Rates.end()) {
        fail(file, "MP3 cannot have a sample rate of " + std::to_string(sampleRate) +
                       " Hz; use 44100 or 48000 (or 32000, 24000, 22050, 16000...)");
      }
      return SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III;
  }
  fail(file, "unknown file format");
}

}  // namespace

class AudioFileWriter::Encoder {
 public:
  Encoder(const std::filesystem::path& destination, int channelCount, int sampleRate,
          const EncodeOptions& options)
      : file_(destination), channels_(static_cast<std::size_t>(channelCount)), options_(options) {
    SF_INFO info{};
    info.channels = channelCount;
    info.samplerate = sampleRate;
    info.format = sndfileFormat(destination, channelCount, sampleRate, options);
    if (sf_format_check(&info) == 0) {
      fail(destination, std::string(toString(options.format)) + " cannot hold " +
                            std::to_string(channelCount) + " channels at " +
                            std::to_string(sampleRate) + " Hz");
    }
    sound_.reset(sf_open(file_.temporary().c_str(), SFM_WRITE, &info));
    if (!sound_) fail(destination, sndfileErrorText(nullptr));
    if (options.format == FileFormat::mp3) {
      int mode = SF_BITRATE_MODE_VARIABLE;
      double compression = options.mp3VbrCompression;
      // libsndfile 1.2.0 returns 0 from SFC_SET_BITRATE_MODE even when it succeeds, so the mode
      // is read back instead.
      sf_command(sound_.get(), SFC_SET_BITRATE_MODE, &mode, sizeof mode);
      if (sf_command(sound_.get(), SFC_GET_BITRATE_MODE, nullptr, 0) != SF_BITRATE_MODE_VARIABLE ||
          sf_command(sound_.get(), SFC_SET_COMPRESSION_LEVEL, &compression, sizeof compression) !=
              SF_TRUE) {
        fail(destination,
             "the MP3 encoder refused VBR mode (" + sndfileErrorText(sound_.get()) + ")");
      }
    }
  }

  void write(std::span<const float* const> channels, std::size_t frames) {
    if (channels.size() != channels_) {
      fail(file_.destination(), "got " + std::to_string(channels.size()) + " channels for a " +
                                    std::to_string(channels_) + "-channel file");
    }
    if (frames == 0) return;
    sf_count_t written = 0;
    const auto count = static_cast<sf_count_t>(frames);
    switch (wordKind()) {
      case WordKind::pcm16:
        interleave(channels, frames, pcm16_, [this](float x) { return quantiser_.toPcm16(x); });
        written = sf_writef_short(sound_.get(), pcm16_.data(), count);
        break;
      case WordKind::pcm24:
        // libsndfile stores the top 24 bits of each int.
        interleave(channels, frames, pcm32_,
                   [](float x) { return SampleQuantiser::toPcm24(x) * 256; });
        written = sf_writef_int(sound_.get(), pcm32_.data(), count);
        break;
      case WordKind::floats:
        interleave(channels, frames, floats_, [](float x) { return x; });
        written = sf_writef_float(sound_.get(), floats_.data(), count);
        break;
    }
    if (written != count) {
      fail(file_.destination(),
           "writing failed (" + sndfileErrorText(sound_.get()) + "); is the disk full?");
    }
  }

  void commit() {
    if (const int code = sf_close(sound_.release()); code != 0) {
      fail(file_.destination(),
           std::string("finishing the file failed (") + sf_error_number(code) + ")");
    }
    file_.commit();
  }

  const std::filesystem::path& destination() const { return file_.destination(); }

 private:
  enum class WordKind { pcm16, pcm24, floats };

  WordKind wordKind() const {
    if (options_.format == FileFormat::mp3 || options_.sampleFormat == SampleFormat::float32) {
      return WordKind::floats;
    }
    return options_.sampleFormat == SampleFormat::pcm16 ? WordKind::pcm16 : WordKind::pcm24;
  }

  template <typename Word, typename Convert>
  void interleave(std::span<const float* const> channels, std::size_t frames,
                  std::vector<Word>& out, Convert convert) {
    out.resize(frames * channels_);
    for (std::size_t i = 0; i < frames; ++i) {
      for (std::size_t c = 0; c < channels_; ++c) out[i * channels_ + c] = convert(channels[c][i]);
    }
  }

  AtomicOutputFile file_;  // declared first: destroyed last, after the handle has closed
  SndfileHandle sound_;
  std::size_t channels_;
  EncodeOptions options_;
  SampleQuantiser quantiser_;
  std::vector<short> pcm16_;
  std::vector<int> pcm32_;
  std::vector<float> floats_;
};

AudioFileWriter::AudioFileWriter(const std::filesystem::path& destination, int channelCount,
                                 int sampleRate, const EncodeOptions& options)
    : encoder_(std::make_unique<Encoder>(destination, channelCount, sampleRate, options)) {}

AudioFileWriter::~AudioFileWriter() = default;

void AudioFileWriter::write(std::span<const float* const> channels, std::size_t frames) {
  encoder_->write(channels, frames);
}

void AudioFileWriter::write(const AudioBuffer& buffer) {
  std::vector<const float*> channels;
  for (const auto& channel : buffer.channels) channels.push_back(channel.data());
  encoder_->write(channels, buffer.frames());
}

void AudioFileWriter::commit() { encoder_->commit(); }

const std::filesystem::path& AudioFileWriter::destination() const {
  return encoder_->destination();
}

void writeAudioFile(const AudioBuffer& buffer, const std::filesystem::path& destination,
                    const EncodeOptions& options) {
  AudioFileWriter writer(destination, buffer.channelCount(), buffer.sampleRate, options);
  writer.write(buffer);
  writer.commit();
}

}  // namespace wstudio::media
