// Files that cannot be played: each error names the file, says what is wrong and what to do.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "test_files.hpp"
#include "wstudio/media/audio_file_writer.hpp"
#include "wstudio/media/decode.hpp"
#include "wstudio/media/media_error.hpp"

namespace wstudio::media {
namespace {

using test::freshScratchFolder;
using test::musicLike;
using ::testing::HasSubstr;

std::string decodeError(const std::filesystem::path& file) {
  try {
    decodeAudioFile(file);
  } catch (const MediaError& error) {
    return error.what();
  }
  ADD_FAILURE() << file << " decoded without an error";
  return {};
}

void writeBytes(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary) << bytes;
}

TEST(DecodeErrors, MissingFile) {
  const auto file = freshScratchFolder() / "nowhere.wav";
  const std::string message = decodeError(file);
  EXPECT_THAT(message, HasSubstr(file.string()));
  EXPECT_THAT(message, HasSubstr("no such file"));
}

TEST(DecodeErrors, Folder) {
  const auto folder = freshScratchFolder();
  EXPECT_THAT(decodeError(folder), HasSubstr("not a regular file"));
}

TEST(DecodeErrors, NotAudio) {
  const auto folder = freshScratchFolder();
  for (const char* name : {"notes.wav", "notes.flac", "notes.mp3", "notes.ogg"}) {
    writeBytes(folder / name, "These are the session notes, not audio. Bass at 1:20 is late.\n");
    const std::string message = decodeError(folder / name);
    EXPECT_THAT(message, HasSubstr((folder / name).string()));
    EXPECT_THAT(message, ::testing::AnyOf(HasSubstr("not a recognised audio file"),
                                          HasSubstr("cannot be opened as audio")))
        << name;
    EXPECT_THAT(message, HasSubstr("convert it to WAV or FLAC")) << name;
  }
}

TEST(DecodeErrors, DamagedHeader) {
  const auto folder = freshScratchFolder();
  const auto file = folder / "damaged.wav";
  writeAudioFile(musicLike(2, 1000, 48000), file, {});
  // Keep "RIFF....WAVE" but overwrite the fmt chunk with zeros: no channels, no rate.
  std::string bytes(40, '\0');
  std::fstream(file, std::ios::binary | std::ios::in | std::ios::out)
      .seekp(12)
      .write(bytes.data(), 28);
  const std::string message = decodeError(file);
  EXPECT_THAT(message, HasSubstr(file.string()));
  EXPECT_THAT(message, ::testing::AnyOf(HasSubstr("damaged"), HasSubstr("not a recognised")));
}

TEST(DecodeErrors, TruncatedWav) {
  const auto folder = freshScratchFolder();
  const auto file = folder / "cut.wav";
  writeAudioFile(musicLike(2, 48000, 48000), file, {});
  std::filesystem::resize_file(file, std::filesystem::file_size(file) / 2);
  const std::string message = decodeError(file);
  EXPECT_THAT(message, HasSubstr(file.string()));
  EXPECT_THAT(message, HasSubstr("truncated"));
  EXPECT_THAT(message, HasSubstr("copy or export it again"));
}

TEST(DecodeErrors, TruncatedFlac) {
  const auto folder = freshScratchFolder();
  const auto file = folder / "cut.flac";
  writeAudioFile(musicLike(2, 48000, 48000), file, {.format = FileFormat::flac});
  std::filesystem::resize_file(file, std::filesystem::file_size(file) / 2);
  const std::string message = decodeError(file);
  EXPECT_THAT(message, HasSubstr(file.string()));
  EXPECT_THAT(message, HasSubstr("truncated"));
}

TEST(DecodeErrors, EmptyWav) {
  const auto folder = freshScratchFolder();
  const auto file = folder / "empty.wav";
  writeAudioFile(silentBuffer(2, 0, 48000), file, {});
  EXPECT_THAT(decodeError(file), HasSubstr("holds no audio"));
}

TEST(DecodeErrors, NonFiniteSamples) {
  const auto folder = freshScratchFolder();
  const auto file = folder / "nan.wav";
  AudioBuffer buffer = musicLike(1, 100, 48000);
  buffer.channels[0][42] = std::numeric_limits<float>::quiet_NaN();
  writeAudioFile(buffer, file, {.sampleFormat = SampleFormat::float32});
  EXPECT_THAT(decodeError(file), HasSubstr("non-finite (NaN or infinite) sample at frame 42"));
}

}  // namespace
}  // namespace wstudio::media
