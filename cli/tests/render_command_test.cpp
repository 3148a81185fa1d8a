// `vaist render` end to end: the real binary renders the demo session (built by media/, its
// plugins loaded from their .wasm files) and the files it writes are decoded and measured.
// Bad sessions, sources and plugins must fail with their place named and leave no file.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "vaist_process.hpp"

#include "wstudio/media/decode.hpp"
#include "wstudio/media/loudness.hpp"

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

// The demo's timeline ends at beat 32: 16 s at 120 bpm, plus the default 2 s tail.
constexpr std::size_t kDemoFrames = 18 * 48000;

using vaist_test::slurp;
using vaist_test::VaistRun;

// A fresh folder for the test's outputs.
fs::path scratch() {
  const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
  const fs::path folder =
      fs::path(VAIST_TEST_SCRATCH_DIR) / ("render." + std::string(test->name()));
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

VaistRun vaist(const std::string& args, const fs::path& folder) {
  return vaist_test::runVaist(args, folder / "stderr.txt");
}

// Built by appending: g++ 12 reports a false -Wrestrict on "'" + string + "'".
std::string quoted(const fs::path& path) {
  std::string text = "'";
  text += path.string();
  text += '\'';
  return text;
}

const fs::path kDemoSession = fs::path(WSTUDIO_DEMO_DIR) / "demo.session.json";

// The loudness line printed for `file`: {integrated LUFS, true peak dBTP}.
std::pair<double, double> printedLoudness(const std::string& out, const fs::path& file) {
  const std::regex line(
      std::regex_replace(file.string(), std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") +
      R"(: integrated (-?[0-9.]+) LUFS, true peak (-?[0-9.]+) dBTP)");
  std::smatch match;
  if (!std::regex_search(out, match, line)) {
    ADD_FAILURE() << "no loudness line for " << file << " in:\n" << out;
    return {0, 0};
  }
  return {std::stod(match[1]), std::stod(match[2])};
}

// A copy of the demo session in `folder`, with `from` replaced by `to` in its text, and the
// demo's audio beside it unless `withAudio` is false.
fs::path demoCopy(const fs::path& folder, const std::string& from = "", const std::string& to = "",
                  bool withAudio = true) {
  std::string text = slurp(kDemoSession);
  if (!from.empty()) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
  }
  std::ofstream(folder / "song.session.json", std::ios::binary) << text;
  if (withAudio)
    fs::copy(fs::path(WSTUDIO_DEMO_DIR) / "audio", folder / "audio", fs::copy_options::recursive);
  return folder / "song.session.json";
}

TEST(VaistRender, DemoToWavWithStems) {
  const fs::path folder = scratch();
  const VaistRun run =
      vaist("render " + quoted(kDemoSession) + " -o " + quoted(folder / "mix.wav") + " --stems " +
                quoted(folder / "stems"),
            folder);
  ASSERT_EQ(run.status, 0) << run.err;
  // stderr is a file here, not a terminal: a plain line per quarter, no carriage-return redraws.
  EXPECT_EQ(run.err, "rendering: 25%\nrendering: 50%\nrendering: 75%\nrendering: 100%\n");

  const auto mix = wstudio::media::decodeAudioFile(folder / "mix.wav");
  EXPECT_EQ(mix.sampleRate, 48000);
  EXPECT_EQ(mix.channelCount(), 2);
  EXPECT_EQ(mix.frames(), kDemoFrames);
  const auto [lufs, dbtp] = printedLoudness(run.out, folder / "mix.wav");
  const auto measured = wstudio::media::measureLoudness(mix);
  EXPECT_NEAR(lufs, measured.integratedLufs, 0.05 + 0.001);  // printed with one decimal
  EXPECT_NEAR(dbtp, measured.truePeakDbtp, 0.05 + 0.001);
  EXPECT_GT(lufs, -30.0);  // a real mix, not silence
  EXPECT_LT(dbtp, 0.5);    // the master limiter's ceiling is -1 dBFS

  const std::vector<std::string> stems{"01-drums.wav", "02-bass.wav", "03-keys.wav", "04-lead.wav",
                                       "05-space.wav"};
  std::vector<std::string> written;
  for (const auto& entry : fs::directory_iterator(folder / "stems"))
    written.push_back(entry.path().filename());
  std::sort(written.begin(), written.end());
  EXPECT_EQ(written, stems);
  for (const auto& name : stems) {
    const auto stem = wstudio::media::decodeAudioFile(folder / "stems" / name);
    EXPECT_EQ(stem.frames(), kDemoFrames) << name;
    const auto [stemLufs, stemPeak] = printedLoudness(run.out, folder / "stems" / name);
    EXPECT_GT(stemLufs, -45.0) << name;  // every track plays something
    EXPECT_NEAR(stemLufs, wstudio::media::measureLoudness(stem).integratedLufs, 0.051) << name;
  }
}

// --block 128 renders in the browser's quanta (web/tests/browser compares the two); the files
// are the same length as at the default block.
TEST(VaistRender, BlockOf128Frames) {
  const fs::path folder = scratch();
  const VaistRun run = vaist("render " + quoted(kDemoSession) + " -o " + quoted(folder / "mix.wav") +
                                 " --bits 32f --block 128",
                             folder);
  ASSERT_EQ(run.status, 0) << run.err;
  const auto mix = wstudio::media::decodeAudioFile(folder / "mix.wav");
  EXPECT_EQ(mix.frames(), kDemoFrames);
  EXPECT_GT(printedLoudness(run.out, folder / "mix.wav").first, -30.0);
}

TEST(VaistRender, RangeToFlac16) {
  const fs::path folder = scratch();
  const VaistRun run = vaist("render " + quoted(kDemoSession) + " -o " +
                                 quoted(folder / "lead.flac") + " --bits 16 --range 16:24",
                             folder);
  ASSERT_EQ(run.status, 0) << run.err;
  const auto part = wstudio::media::decodeAudioFile(folder / "lead.flac");
  EXPECT_EQ(part.frames(), 4u * 48000u);  // 8 beats at 120 bpm
  EXPECT_THAT(run.out, HasSubstr("16-bit FLAC"));
}

TEST(VaistRender, Mp3At44100) {
  const fs::path folder = scratch();
  const VaistRun run = vaist("render " + quoted(kDemoSession) + " -o " +
                                 quoted(folder / "mix.mp3") + " --rate 44100 --range 0s:6s",
                             folder);
  ASSERT_EQ(run.status, 0) << run.err;
  const auto mix = wstudio::media::decodeAudioFile(folder / "mix.mp3");
  EXPECT_EQ(mix.sampleRate, 44100);
  EXPECT_NEAR(double(mix.frames()), 6.0 * 44100,
              2 * 1152.0 + 2 * 1105.0);  // MPEG frames, coder delay
  const auto [lufs, dbtp] = printedLoudness(run.out, folder / "mix.mp3");
  EXPECT_NEAR(wstudio::media::measureLoudness(mix).integratedLufs, lufs, 0.3);
}

TEST(VaistRender, MalformedSessionNamesTheMember) {
  const fs::path folder = scratch();
  const fs::path session = demoCopy(folder, "\"fadeOut\": 2,", "\"fadeOut\": 20,");
  const VaistRun run =
      vaist("render " + quoted(session) + " -o " + quoted(folder / "mix.wav"), folder);
  EXPECT_EQ(run.status, 2);
  EXPECT_THAT(run.err, HasSubstr("tracks[0].clips[3].fadeOut"));
  EXPECT_FALSE(fs::exists(folder / "mix.wav"));
}

TEST(VaistRender, MissingSourceNamesTheClipAndFile) {
  const fs::path folder = scratch();
  const fs::path session = demoCopy(folder, "", "", false);
  const VaistRun run = vaist("render " + quoted(session) + " -o " + quoted(folder / "mix.wav") +
                                 " --stems " + quoted(folder / "stems"),
                             folder);
  EXPECT_EQ(run.status, 2);
  EXPECT_THAT(run.err, HasSubstr("clip \"drums-1\" on track \"drums\""));
  EXPECT_THAT(run.err, HasSubstr((folder / "audio" / "drums.wav").string() + ": no such file"));
  EXPECT_FALSE(fs::exists(folder / "mix.wav"));
  EXPECT_FALSE(fs::exists(folder / "stems"));
}

TEST(VaistRender, CorruptSourceKeepsThePreviousMix) {
  const fs::path folder = scratch();
  const fs::path session = demoCopy(folder);
  std::ofstream(folder / "audio" / "keys.flac", std::ios::binary | std::ios::trunc)
      << "not a flac file";
  std::ofstream(folder / "mix.wav", std::ios::binary) << "the previous mix";
  const VaistRun run =
      vaist("render " + quoted(session) + " -o " + quoted(folder / "mix.wav"), folder);
  EXPECT_EQ(run.status, 2);
  EXPECT_THAT(run.err, HasSubstr("clip \"keys-1\" on track \"keys\""));
  EXPECT_THAT(run.err, HasSubstr("keys.flac: not a recognised audio file"));
  EXPECT_EQ(slurp(folder / "mix.wav"), "the previous mix");
}

TEST(VaistRender, UnknownPluginNamesTheInsert) {
  const fs::path folder = scratch();
  const fs::path session = demoCopy(folder, "studio.wasm.reverb", "studio.wasm.spring-reverb");
  const VaistRun run =
      vaist("render " + quoted(session) + " -o " + quoted(folder / "mix.wav"), folder);
  EXPECT_EQ(run.status, 2);
  EXPECT_THAT(run.err,
              HasSubstr("tracks[4].inserts[0] (insert \"space-reverb\" on track \"space\")"));
  EXPECT_THAT(run.err, HasSubstr("no plugin \"studio.wasm.spring-reverb\""));
  EXPECT_FALSE(fs::exists(folder / "mix.wav"));
}

// A plugin that traps half-way through: the render fails with the insert named, exit status 1,
// and neither the mix nor any stem is left behind. The plugin is the host's fixture .wasm,
// told by automation to execute `unreachable` from beat 4 on.
TEST(VaistRender, PluginFaultWritesNothing) {
  const fs::path folder = scratch();
  fs::create_directories(folder / "plugins");
  fs::copy_file(fs::path(WSTUDIO_HOST_FIXTURE_DIR) / "fixture_plugin.wasm",
                folder / "plugins" / "test.fixture.wasm");
  fs::copy(fs::path(WSTUDIO_DEMO_DIR) / "audio", folder / "audio", fs::copy_options::recursive);
  std::ofstream(folder / "trap.session.json") << R"({
  "format": "wasm-studio-session", "version": 1,
  "tracks": [{"id": "drums", "kind": "audio",
    "inserts": [{"id": "fixture", "plugin": {"id": "studio.wasm.test.fixture"}}],
    "clips": [{"id": "loop", "source": {"path": "audio/drums.wav"}, "start": 0, "length": 8}]}],
  "automation": [{"id": "break-it",
    "target": {"track": "drums", "control": "param", "insert": "fixture", "param": 7},
    "points": [{"time": 0, "value": 0, "shape": "step"}, {"time": 4, "value": 2}]}]
})";
  const VaistRun run =
      vaist("render " + quoted(folder / "trap.session.json") + " -o " + quoted(folder / "mix.wav") +
                " --stems " + quoted(folder / "stems") + " --plugins " + quoted(folder / "plugins"),
            folder);
  EXPECT_EQ(run.status, 1);
  EXPECT_THAT(run.err, HasSubstr("insert \"fixture\" (slot 0) on track \"drums\""));
  EXPECT_THAT(run.err, HasSubstr("nothing was written"));
  EXPECT_FALSE(fs::exists(folder / "mix.wav"));
  EXPECT_FALSE(fs::exists(folder / "stems"));
}

TEST(VaistRender, BadArgumentsExitTwo) {
  const fs::path folder = scratch();
  const std::string session = quoted(kDemoSession);
  EXPECT_EQ(vaist("render " + session, folder).status, 2);  // no -o
  EXPECT_EQ(vaist("render " + session + " -o x.wav --bits 12", folder).status, 2);
  EXPECT_EQ(vaist("render " + session + " -o x.flac --bits 32f", folder).status, 2);
  EXPECT_EQ(vaist("render " + session + " -o x.mp3 --bits 16", folder).status, 2);
  EXPECT_EQ(vaist("render " + session + " -o x.wav --range 8", folder).status, 2);
  for (const char* block : {"0", "4097", "128.5", "-128", "lots"}) {
    const VaistRun run = vaist("render " + session + " -o x.wav --block " + block, folder);
    EXPECT_EQ(run.status, 2) << block;
    EXPECT_THAT(run.err, HasSubstr("--block must be a whole number of frames from 1 to 4096"));
  }
  const VaistRun mp3Rate =
      vaist("render " + session + " -o " + quoted(folder / "x.mp3") + " --rate 96000", folder);
  EXPECT_EQ(mp3Rate.status, 2);
  EXPECT_THAT(mp3Rate.err, HasSubstr("use 44100 or 48000"));
  EXPECT_EQ(vaist("render --help", folder).status, 0);
  EXPECT_TRUE(fs::is_empty(folder));
}

}  // namespace
