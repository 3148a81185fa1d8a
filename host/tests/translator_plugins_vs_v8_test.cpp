// Every factory plugin's .wasm (built with -msimd128) runs in the sandbox and in V8 (Node 20)
// with the same input noise and the same events (a parameter change per block at varying frames,
// and notes for instruments); the outputs must be bit-identical. Both sides make the same raw
// WSP calls (differential/run_plugin.mjs mirrors runInSandbox below).
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>

#include "fixture_files.hpp"
#include "sandbox/child_process.hpp"
#include "sandbox/sandbox.hpp"
#include "wasm/reader.hpp"
#include "wsp/wsp_plugin.h"
#include "wstudio/host/plugin.hpp"

namespace wstudio::host::testing {
namespace {

using wasm::FuncType;
using wasm::ValType;
constexpr ValType I32 = ValType::I32;

constexpr uint32_t kBlocks = 48;
constexpr uint32_t kFrames = 128;

struct Script {
  uint32_t inputs = 0, outputs = 0;
  std::vector<std::vector<wsp_event>> events;        // per block
  std::vector<std::vector<float>> input;             // per block: inputs x frames
  std::vector<uint8_t> bytes() const {
    std::vector<uint8_t> out;
    auto put = [&out](const void* data, size_t n) {
      const auto* p = static_cast<const uint8_t*>(data);
      out.insert(out.end(), p, p + n);
    };
    const uint32_t header[4] = {kBlocks, kFrames, inputs, outputs};
    put(header, sizeof header);
    for (uint32_t b = 0; b < kBlocks; ++b) {
      const auto count = static_cast<uint32_t>(events[b].size());
      put(&count, 4);
      put(events[b].data(), events[b].size() * sizeof(wsp_event));
      put(input[b].data(), input[b].size() * sizeof(float));
    }
    return out;
  }
};

Script makeScript(const PluginDescriptor& d) {
  Script s;
  s.inputs = d.inputs;
  s.outputs = d.outputs;
  uint32_t seed = 12345;
  const double fractions[] = {0.2, 0.8, 0.5, 1.0, 0.0, 0.35};
  for (uint32_t b = 0; b < kBlocks; ++b) {
    std::vector<float> input(d.inputs * kFrames);
    for (float& v : input) {
      seed = seed * 1664525u + 1013904223u;
      v = 0.5f * (float(seed >> 8) / 8388608.0f - 1.0f);
    }
    s.input.push_back(input);
    std::vector<wsp_event> events;
    if (d.midi && b % 16 == 0) {
      for (uint16_t k = 0; k < 6; ++k) {
        wsp_event e{};
        e.frame = k * 7;
        e.type = b % 32 == 0 ? WSP_EVENT_NOTE_ON : WSP_EVENT_NOTE_OFF;
        e.u.note = {0, static_cast<uint16_t>(48 + 5 * k), 0.8f, -1};
        events.push_back(e);
      }
    }
    if (!d.params.empty()) {
      const ParamInfo& p = d.params[b % d.params.size()];
      wsp_event e{};
      e.frame = (b * 37) % kFrames;
      e.type = WSP_EVENT_PARAM;
      e.u.param.id = p.id;
      e.u.param.value = p.min + (p.max - p.min) * fractions[b % 6];
      events.push_back(e);
      std::stable_sort(events.begin(), events.end(), [](const wsp_event& a, const wsp_event& c) { return a.frame < c.frame; });
    }
    s.events.push_back(events);
  }
  return s;
}

wsx_value i32(uint32_t v) { return wsx_value{.i32 = v}; }

// The same calls as run_plugin.mjs, in the sandbox. Output: per block, outputs x frames.
Result<std::vector<float>> runInSandbox(const std::vector<uint8_t>& wasm, const Script& s) {
  auto info = wasm::readModule(wasm);
  if (!info) return fail(info.error());
  sandbox::CompileOptions options;
  options.cacheDir = testCacheDir();
  options.imports.push_back({"wsp_host", "log", "return;", nullptr});
  auto module = sandbox::CompiledModule::load(wasm, info.value(), options);
  if (!module) return fail(module.error());
  auto made = module.value()->instantiate(nullptr);
  if (!made) return fail(made.error());
  sandbox::Instance& instance = *made.value();
  auto call = [&](const char* name, FuncType type, std::vector<wsx_value> args) -> Result<wsx_value> {
    auto fn = module.value()->function(name, type);
    if (!fn) return fail(fn.error());
    wsx_value result{};
    const int trap = instance.call(fn.value(), args, std::span(&result, type.results.size()), uint64_t{1} << 40);
    if (trap != WSX_OK) return fail(std::string(name) + " trapped: " + sandbox::trapDescription(trap));
    return result;
  };
  if (module.value()->function("_initialize", {}).ok()) {
    if (auto r = call("_initialize", {}, {}); !r) return fail(r.error());
  }
  auto plugin = call("wsp_create", {{}, {I32}}, {});
  if (!plugin) return fail(plugin.error());
  const uint32_t p = plugin->i32;
  auto activated = call("wsp_activate", {{I32, ValType::F64, I32}, {I32}}, {i32(p), wsx_value{.f64 = 48000.0}, i32(kFrames)});
  if (!activated || activated->i32 != 0) return fail("wsp_activate failed");
  std::vector<uint32_t> inputAt, outputAt;
  for (uint32_t c = 0; c < s.inputs; ++c) inputAt.push_back(call("wsp_audio_buffer", {{I32, I32, I32}, {I32}}, {i32(p), i32(0), i32(c)})->i32);
  for (uint32_t c = 0; c < s.outputs; ++c) outputAt.push_back(call("wsp_audio_buffer", {{I32, I32, I32}, {I32}}, {i32(p), i32(1), i32(c)})->i32);
  const uint32_t eventsAt = call("wsp_event_buffer", {{I32}, {I32}}, {i32(p)})->i32;
  std::vector<float> out;
  for (uint32_t b = 0; b < kBlocks; ++b) {
    uint8_t* memory = instance.memory().data;
    std::memcpy(memory + eventsAt, s.events[b].data(), s.events[b].size() * sizeof(wsp_event));
    for (uint32_t c = 0; c < s.inputs; ++c) std::memcpy(memory + inputAt[c], &s.input[b][c * kFrames], kFrames * 4);
    auto status = call("wsp_process", {{I32, I32, I32}, {I32}}, {i32(p), i32(kFrames), i32(static_cast<uint32_t>(s.events[b].size()))});
    if (!status || status->i32 != 0) return fail("wsp_process failed in block " + std::to_string(b));
    memory = instance.memory().data;
    for (uint32_t c = 0; c < s.outputs; ++c) {
      const auto* samples = reinterpret_cast<const float*>(memory + outputAt[c]);
      out.insert(out.end(), samples, samples + kFrames);
    }
  }
  return out;
}

class FactoryPluginVsV8 : public ::testing::TestWithParam<std::string> {};

TEST_P(FactoryPluginVsV8, OutputIsBitIdentical) {
  const std::filesystem::path wasmPath = std::filesystem::path(WSTUDIO_WASM_PLUGIN_DIR) / (GetParam() + ".wasm");
  LoadOptions load;
  load.cacheDir = testCacheDir();
  auto plugin = loadPlugin(wasmPath, load);
  ASSERT_TRUE(plugin.ok()) << plugin.error();
  const Script script = makeScript(plugin.value()->descriptor());

  const std::filesystem::path dir = fixturePath("differential");
  std::filesystem::create_directories(dir);
  const std::filesystem::path scriptPath = dir / (GetParam() + ".script"), v8Path = dir / (GetParam() + ".v8out");
  const std::vector<uint8_t> bytes = script.bytes();
  std::ofstream(scriptPath, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  Status ran = sandbox::runTool({WSTUDIO_NODE, WSTUDIO_RUN_PLUGIN_MJS, wasmPath.string(), scriptPath.string(), v8Path.string()},
                                dir / (GetParam() + ".node.log"));
  ASSERT_TRUE(ran.ok()) << ran.error();
  std::ifstream in(v8Path, std::ios::binary);
  const std::vector<char> v8Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());

  std::ifstream wasmIn(wasmPath, std::ios::binary);
  const std::vector<uint8_t> wasm((std::istreambuf_iterator<char>(wasmIn)), std::istreambuf_iterator<char>());
  auto ours = runInSandbox(wasm, script);
  ASSERT_TRUE(ours.ok()) << ours.error();
  ASSERT_EQ(v8Bytes.size(), ours->size() * sizeof(float));
  size_t differing = 0, first = ours->size();
  for (size_t i = 0; i < ours->size(); ++i) {
    if (std::memcmp(&(*ours)[i], &v8Bytes[i * 4], 4) != 0 && differing++ == 0) first = i;
  }
  float v8First = 0;
  if (differing > 0) std::memcpy(&v8First, &v8Bytes[first * 4], 4);
  EXPECT_EQ(differing, 0u) << "first difference at sample " << first << ": sandbox "
                           << (differing ? (*ours)[first] : 0.0f) << ", V8 " << v8First;
  // The run did something: the output is not silent.
  EXPECT_TRUE(std::any_of(ours->begin(), ours->end(), [](float v) { return v != 0.0f; }));
}

INSTANTIATE_TEST_SUITE_P(Factory, FactoryPluginVsV8,
                         ::testing::Values("chorus", "compressor", "delay", "eq", "filter", "limiter", "reverb",
                                           "saturator", "synth", "tremolo", "utility"));

}  // namespace
}  // namespace wstudio::host::testing
