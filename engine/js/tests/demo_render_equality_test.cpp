// engine.wasm under Node renders the demo session like the native engine (EW-12).
//
// Native: the session's sources decoded and resampled by media/ (as `vaist render` does), the
// engine built natively, every factory plugin linked natively, OfflineRenderer. Node:
// engine/js/render.mjs with engine.wasm and the plugin .wasm files, given the same decoded
// sources as 32-bit float WAV (--decoded; the browser host gets them from decodeAudioData).
// Tolerance (docs/engine-wasm.md): max |difference| <= 1e-4 and SNR >= 90 dB, over the whole mix.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include "wstudio/engine/graph_builder.hpp"
#include "wstudio/engine/offline_renderer.hpp"
#include "wstudio/factory_plugins.hpp"
#include "wstudio/media/audio_file_writer.hpp"
#include "wstudio/media/decode.hpp"
#include "wstudio/media/resample.hpp"
#include "wstudio/session/json_io.hpp"

namespace {

namespace fs = std::filesystem;
using namespace wstudio;

constexpr double kMaxAbsDifference = 1e-4;
constexpr double kMinSnrDb = 90.0;
constexpr int64_t kRenderFrames = 48000 * 18;  // the 16-second session and its 2-second tail

class NativeFactoryPlugins : public engine::PluginResolver {
 public:
  host::Result<std::shared_ptr<host::PluginModule>> resolve(const session::PluginRef& ref) override {
    const wsp_plugin_api* api = findFactoryPluginById(ref.id);
    if (api == nullptr) return host::fail("no factory plugin " + ref.id);
    return host::loadNativePlugin(api);
  }
};

class DecodedSources : public engine::SourceProvider {
 public:
  // Decodes and resamples every clip source of `s` to `rate`, as vaist render does.
  DecodedSources(const session::Session& s, const fs::path& folder, int rate) {
    for (const auto& track : s.tracks) {
      for (const auto& clip : track.audioClips) {
        const std::string path = clip.source.path.value();
        if (audio_.contains(path)) continue;
        audio_[path] = media::resample(media::decodeAudioFile(folder / path), rate);
      }
    }
  }
  std::shared_ptr<const engine::DecodedAudio> decoded(const session::AudioSource& source,
                                                      double) override {
    const media::AudioBuffer& audio = audio_.at(source.path.value());
    auto decoded = std::make_shared<engine::DecodedAudio>();
    decoded->sampleRate = audio.sampleRate;
    decoded->channels = audio.channels;
    return decoded;
  }
  // Each source as a 32-bit float WAV at <folder>/<source path>.wav.
  void writeTo(const fs::path& folder) const {
    for (const auto& [path, audio] : audio_) {
      const fs::path file = folder / (path + ".wav");
      fs::create_directories(file.parent_path());
      media::writeAudioFile(audio, file, {media::FileFormat::wav, media::SampleFormat::float32});
    }
  }

 private:
  std::map<std::string, media::AudioBuffer> audio_;
};

session::Session loadDemo() {
  std::ifstream in(WSTUDIO_DEMO_SESSION, std::ios::binary);
  const std::string text{std::istreambuf_iterator<char>(in), {}};
  auto loaded = session::load(text);
  if (!loaded.ok()) ADD_FAILURE() << loaded.errors.front().toString();
  return std::move(loaded.session).value();
}

TEST(DemoRenderEquality, NodeRenderOfEngineWasmMatchesTheNativeRenderEW12) {
  const session::Session demo = loadDemo();
  const fs::path sessionFolder = fs::path(WSTUDIO_DEMO_SESSION).parent_path();
  DecodedSources sources(demo, sessionFolder, demo.sampleRate);

  NativeFactoryPlugins plugins;
  engine::PluginProvider provider(plugins, engine::EngineFormat{double(demo.sampleRate), 512});
  engine::GraphBuilder builder(provider, sources);
  engine::BuildResult built = builder.build(demo);
  ASSERT_TRUE(built.warnings.empty()) << built.warnings.front();
  engine::OfflineRenderRequest request;
  request.endFrame = kRenderFrames;
  const engine::OfflineRender native = engine::renderOffline(std::move(built.graph), request);
  ASSERT_TRUE(native.faults.empty());

  const fs::path work = fs::path(::testing::TempDir()) / "engine_wasm_demo";
  fs::remove_all(work);
  sources.writeTo(work / "decoded");
  const fs::path output = work / "node.wav";
  const std::string command = std::string("node ") + WSTUDIO_ENGINE_JS_DIR + "/render.mjs " +
                              WSTUDIO_DEMO_SESSION + " -o " + output.string() + " --engine " +
                              WSTUDIO_ENGINE_WASM + " --plugins " + WSTUDIO_WASM_PLUGIN_DIR +
                              " --decoded " + (work / "decoded").string() + " --end " +
                              std::to_string(kRenderFrames);
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  const media::AudioBuffer wasm = media::decodeAudioFile(output);
  ASSERT_EQ(wasm.channelCount(), 2);
  ASSERT_EQ(wasm.frames(), size_t(kRenderFrames));

  double maxDifference = 0.0;
  double signal = 0.0;
  double noise = 0.0;
  const std::vector<float>* expected[2] = {&native.master.left, &native.master.right};
  for (int c = 0; c < 2; ++c) {
    for (size_t i = 0; i < wasm.frames(); ++i) {
      const double reference = (*expected[c])[i];
      const double difference = double(wasm.channels[size_t(c)][i]) - reference;
      maxDifference = std::max(maxDifference, std::abs(difference));
      signal += reference * reference;
      noise += difference * difference;
    }
  }
  const double snrDb = noise == 0.0 ? INFINITY : 10.0 * std::log10(signal / noise);
  std::printf("engine.wasm vs native: max |difference| %.3g, SNR %.1f dB\n", maxDifference, snrDb);
  EXPECT_GT(signal, 1.0);  // the mix is not silence
  EXPECT_LE(maxDifference, kMaxAbsDifference);
  EXPECT_GE(snrDb, kMinSnrDb);
}

}  // namespace
