// The source cache decodes a file once per engine rate and notices when it changes.
#include "wstudio/media/source_cache.hpp"

#include <gtest/gtest.h>

#include "test_files.hpp"
#include "wstudio/media/audio_file_writer.hpp"
#include "wstudio/media/media_error.hpp"

namespace wstudio::media {
namespace {

TEST(SourceCache, DecodesOncePerRate) {
  const auto file = test::freshScratchFolder() / "loop.wav";
  writeAudioFile(test::musicLike(2, 44100, 44100), file, {.sampleFormat = SampleFormat::float32});
  SourceCache cache;
  const auto first = cache.load(file, 48000);
  EXPECT_EQ(first->sampleRate, 48000);
  EXPECT_EQ(first->frames(), 48000u);
  EXPECT_EQ(cache.load(file, 48000), first);  // the same decoded buffer, not a copy
  const auto native = cache.load(file, 44100);
  EXPECT_EQ(native->frames(), 44100u);
  EXPECT_EQ(cache.size(), 2u);
}

TEST(SourceCache, ReloadsAChangedFile) {
  const auto file = test::freshScratchFolder() / "take.wav";
  writeAudioFile(test::musicLike(1, 1000, 48000), file, {});
  SourceCache cache;
  const auto before = cache.load(file, 48000);
  writeAudioFile(test::musicLike(1, 2000, 48000), file, {});  // another size (and mtime)
  const auto after = cache.load(file, 48000);
  EXPECT_EQ(after->frames(), 2000u);
  EXPECT_EQ(before->frames(), 1000u);  // holders of the old version keep it
  EXPECT_EQ(cache.size(), 1u);
}

TEST(SourceCache, MissingFileIsAnError) {
  SourceCache cache;
  EXPECT_THROW(cache.load(test::freshScratchFolder() / "gone.wav", 48000), MediaError);
  EXPECT_EQ(cache.size(), 0u);
}

}  // namespace
}  // namespace wstudio::media
