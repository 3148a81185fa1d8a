// Output files appear complete or not at all: nothing partial is ever left in the folder.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <stdexcept>

#include "test_files.hpp"
#include "wstudio/media/audio_file_writer.hpp"
#include "wstudio/media/decode.hpp"
#include "wstudio/media/media_error.hpp"

namespace wstudio::media {
namespace {

using test::fileNames;
using test::freshScratchFolder;
using test::musicLike;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<const float*> pointers(const AudioBuffer& buffer) {
  std::vector<const float*> out;
  for (const auto& channel : buffer.channels) out.push_back(channel.data());
  return out;
}

TEST(AtomicOutput, NothingBeforeCommit) {
  const auto folder = freshScratchFolder();
  const AudioBuffer buffer = musicLike(2, 48000, 48000);
  AudioFileWriter writer(folder / "mix.wav", 2, 48000, {});
  writer.write(buffer);
  EXPECT_FALSE(std::filesystem::exists(folder / "mix.wav"));
  writer.commit();
  EXPECT_THAT(fileNames(folder), ElementsAre("mix.wav"));
  EXPECT_EQ(decodeAudioFile(folder / "mix.wav").frames(), 48000u);
}

// A render that fails half-way (here: an exception between blocks) leaves no file at all.
TEST(AtomicOutput, AbandonedWriteLeavesNoFile) {
  const auto folder = freshScratchFolder();
  const AudioBuffer buffer = musicLike(2, 4800, 48000);
  try {
    AudioFileWriter writer(folder / "mix.flac", 2, 48000, {.format = FileFormat::flac});
    writer.write(pointers(buffer), 2400);
    throw std::runtime_error("plugin trapped");
  } catch (const std::runtime_error&) {
  }
  EXPECT_THAT(fileNames(folder), IsEmpty());
}

TEST(AtomicOutput, AbandonedWriteKeepsThePreviousFile) {
  const auto folder = freshScratchFolder();
  writeAudioFile(musicLike(2, 1000, 48000), folder / "mix.wav", {});
  {
    AudioFileWriter writer(folder / "mix.wav", 2, 48000, {});
    writer.write(musicLike(2, 5000, 48000));
  }
  EXPECT_THAT(fileNames(folder), ElementsAre("mix.wav"));
  EXPECT_EQ(decodeAudioFile(folder / "mix.wav").frames(), 1000u);
  writeAudioFile(musicLike(2, 5000, 48000), folder / "mix.wav", {});
  EXPECT_EQ(decodeAudioFile(folder / "mix.wav").frames(), 5000u);
}

std::string writeError(const std::filesystem::path& file, int channels, int rate,
                       EncodeOptions options) {
  try {
    writeAudioFile(musicLike(channels, 100, rate), file, options);
  } catch (const MediaError& error) {
    return error.what();
  }
  ADD_FAILURE() << file << " written without an error";
  return {};
}

TEST(AtomicOutput, RefusesWhatTheFormatCannotHold) {
  const auto folder = freshScratchFolder();
  EXPECT_THAT(writeError(folder / "a.flac", 2, 48000,
                         {.format = FileFormat::flac, .sampleFormat = SampleFormat::float32}),
              HasSubstr("FLAC holds 16 or 24-bit samples"));
  EXPECT_THAT(writeError(folder / "b.mp3", 2, 96000, {.format = FileFormat::mp3}),
              HasSubstr("use 44100 or 48000"));
  EXPECT_THAT(writeError(folder / "c.mp3", 6, 48000, {.format = FileFormat::mp3}),
              HasSubstr("mono or stereo only"));
  EXPECT_THAT(fileNames(folder), IsEmpty());
}

TEST(AtomicOutput, MissingFolderIsNamed) {
  const auto folder = freshScratchFolder() / "not-made-yet";
  const std::string message = writeError(folder / "mix.wav", 2, 48000, {});
  EXPECT_THAT(message, HasSubstr(folder.string()));
  EXPECT_THAT(message, HasSubstr("does not exist"));
}

}  // namespace
}  // namespace wstudio::media
