// demo/demo.session.json and the audio make_demo_audio writes for it: the session loads, uses
// every factory plugin, and declares exactly what its generated sources hold.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include "test_files.hpp"
#include "wstudio/factory_plugins.hpp"
#include "wstudio/media/decode.hpp"
#include "wstudio/session/json_io.hpp"

namespace wstudio::media {
namespace {

std::string readText(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

session::Session demoSession() {
  const auto loaded = session::load(readText(WSTUDIO_DEMO_SESSION));
  for (const auto& error : loaded.errors) ADD_FAILURE() << error.toString();
  if (!loaded.ok()) throw std::runtime_error("the demo session does not load");
  return *loaded.session;
}

TEST(DemoSession, LoadsAndIsCanonical) {
  const std::string text = readText(WSTUDIO_DEMO_SESSION);
  const auto loaded = session::load(text);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(session::save(*loaded.session), text);
}

TEST(DemoSession, InsertsEveryFactoryPlugin) {
  const session::Session demo = demoSession();
  std::set<std::string> used;
  for (const auto& track : demo.tracks) {
    for (const auto& insert : track.inserts) used.insert(insert.plugin.id);
  }
  for (const auto& insert : demo.master.inserts) used.insert(insert.plugin.id);
  std::set<std::string> factory;
  for (const auto& plugin : factoryPlugins())
    factory.insert("studio.wasm." + std::string(plugin.name));
  EXPECT_EQ(used, factory);
  EXPECT_EQ(factory.size(), 11u);
}

TEST(DemoSession, HasMidiAutomationLoopAndMarkers) {
  const session::Session demo = demoSession();
  std::size_t notes = 0;
  for (const auto& track : demo.tracks) {
    for (const auto& clip : track.midiClips) notes += clip.notes.size();
  }
  EXPECT_GT(notes, 10u);
  std::set<session::AutomatedControl> controls;
  for (const auto& lane : demo.automation) controls.insert(lane.target.control);
  EXPECT_EQ(controls.size(), 3u);  // volume, pan and a plugin parameter
  EXPECT_TRUE(demo.loop.enabled);
  EXPECT_GE(demo.markers.size(), 3u);
}

// The clips declare rate, channels and length; the generated files must agree, in the formats
// that make a render decode and resample (44.1 kHz WAV and FLAC, 48 kHz mono WAV).
TEST(DemoSession, SourcesAreWhatTheGeneratorWrites) {
  const session::Session demo = demoSession();
  std::set<std::string> paths;
  for (const auto& track : demo.tracks) {
    for (const auto& clip : track.audioClips) {
      ASSERT_TRUE(clip.source.path);
      paths.insert(*clip.source.path);
      const AudioBuffer audio =
          decodeAudioFile(std::filesystem::path(WSTUDIO_DEMO_DIR) / *clip.source.path);
      EXPECT_EQ(audio.sampleRate, clip.source.sampleRate) << clip.id;
      EXPECT_EQ(audio.channelCount(), clip.source.channels) << clip.id;
      EXPECT_EQ(static_cast<std::int64_t>(audio.frames()), clip.source.lengthFrames) << clip.id;
    }
  }
  EXPECT_EQ(paths, (std::set<std::string>{"audio/bass.wav", "audio/drums.wav", "audio/keys.flac"}));
}

TEST(DemoSession, GeneratedAudioIsTheSameOnEveryRun) {
  const auto folder = test::freshScratchFolder();
  const std::string command = std::string(MAKE_DEMO_AUDIO) + " '" + folder.string() + "'";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  for (const char* name : {"drums.wav", "bass.wav", "keys.flac"}) {
    EXPECT_EQ(readText(folder / name),
              readText(std::filesystem::path(WSTUDIO_DEMO_DIR) / "audio" / name))
        << name;
  }
}

}  // namespace
}  // namespace wstudio::media
