#include "differential/differential_harness.hpp"

#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

#include "fixture_files.hpp"
#include "sandbox/child_process.hpp"
#include "sandbox/sandbox.hpp"
#include "wasm/reader.hpp"

namespace wstudio::host::testing {

namespace {

constexpr size_t kResultBytes = 32;

std::string hexOf(const uint8_t* bytes, size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out += digits[bytes[i] >> 4];
    out += digits[bytes[i] & 15];
  }
  return out;
}

std::vector<uint8_t> bytesOf(const std::string& hex) {
  std::vector<uint8_t> out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(static_cast<uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

// Lanes of `width` bytes, `count` of them, compared as floats (any NaN equals any NaN); the rest
// of the bytes exactly.
bool sameFloats(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b, size_t width, size_t count) {
  for (size_t lane = 0; lane < count; ++lane) {
    const size_t at = lane * width;
    bool nanA, nanB;
    if (width == 4) {
      float x, y;
      std::memcpy(&x, &a[at], 4);
      std::memcpy(&y, &b[at], 4);
      nanA = std::isnan(x);
      nanB = std::isnan(y);
    } else {
      double x, y;
      std::memcpy(&x, &a[at], 8);
      std::memcpy(&y, &b[at], 8);
      nanA = std::isnan(x);
      nanB = std::isnan(y);
    }
    if (nanA && nanB) continue;
    if (std::memcmp(&a[at], &b[at], width) != 0) return false;
  }
  const size_t floatBytes = width * count;
  return std::equal(a.begin() + floatBytes, a.end(), b.begin() + floatBytes);
}

bool sameResult(const std::string& ours, const std::string& v8, ResultShape shape) {
  if (ours == "trap" || v8 == "trap" || ours.size() != v8.size()) return ours == v8;
  const std::vector<uint8_t> a = bytesOf(ours), b = bytesOf(v8);
  switch (shape) {
    case ResultShape::Bytes: return a == b;
    case ResultShape::F32: return sameFloats(a, b, 4, 1);
    case ResultShape::F64: return sameFloats(a, b, 8, 1);
    case ResultShape::F32x4: return sameFloats(a, b, 4, 4);
    case ResultShape::F64x2: return sameFloats(a, b, 8, 2);
  }
  return false;
}

std::vector<std::string> runInSandbox(const std::vector<uint8_t>& wasm, const std::vector<DiffCase>& cases,
                                      std::string& error) {
  std::vector<std::string> results;
  auto info = wasm::readModule(wasm);
  if (!info) {
    error = "readModule: " + info.error();
    return results;
  }
  sandbox::CompileOptions options;
  options.cacheDir = testCacheDir();
  auto module = sandbox::CompiledModule::load(wasm, info.value(), options);
  if (!module) {
    error = "sandbox: " + module.error();
    return results;
  }
  auto instance = module.value()->instantiate(nullptr);
  if (!instance) {
    error = "instantiate: " + instance.error();
    return results;
  }
  for (const DiffCase& c : cases) {
    wasm::FuncType type;
    type.params.assign(c.args.size(), wasm::ValType::I32);
    auto function = module.value()->function(c.exportName, type);
    if (!function) {
      error = function.error();
      return {};
    }
    std::vector<wsx_value> args;
    for (uint32_t a : c.args) args.push_back(wsx_value{.i32 = a});
    const int trap = instance.value()->call(function.value(), args, {}, 1'000'000);
    if (trap != WSX_OK) {
      results.push_back("trap");
      continue;
    }
    results.push_back(hexOf(instance.value()->memory().data, kResultBytes));
  }
  return results;
}

std::vector<std::string> readLines(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

std::vector<std::string> runDifferential(const std::string& name, const std::string& wat,
                                         const std::vector<DiffCase>& cases, size_t maxReported) {
  const std::filesystem::path dir = fixturePath("differential");
  std::filesystem::create_directories(dir);
  const std::filesystem::path watPath = dir / (name + ".wat"), wasmPath = dir / (name + ".wasm"),
                              casesPath = dir / (name + ".cases"), resultsPath = dir / (name + ".v8");
  std::ofstream(watPath) << wat;
  {
    std::ofstream out(casesPath);
    for (const DiffCase& c : cases) {
      out << c.exportName;
      for (uint32_t a : c.args) out << ' ' << a;
      out << '\n';
    }
  }
  if (Status s = sandbox::runTool({WSTUDIO_WAT2WASM, "--enable-all", watPath.string(), "-o", wasmPath.string()},
                                  dir / (name + ".wat2wasm.log"));
      !s) {
    return {"wat2wasm: " + s.error()};
  }
  if (Status s = sandbox::runTool({WSTUDIO_NODE, WSTUDIO_RUN_CASES_MJS, wasmPath.string(), casesPath.string(),
                                   resultsPath.string(), std::to_string(kResultBytes)},
                                  dir / (name + ".node.log"));
      !s) {
    return {"node: " + s.error()};
  }
  std::ifstream in(wasmPath, std::ios::binary);
  const std::vector<uint8_t> wasm((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string error;
  const std::vector<std::string> ours = runInSandbox(wasm, cases, error);
  if (!error.empty()) return {error};
  const std::vector<std::string> v8 = readLines(resultsPath);
  if (v8.size() != cases.size()) return {"node gave " + std::to_string(v8.size()) + " results for " + std::to_string(cases.size()) + " cases"};
  std::vector<std::string> mismatches;
  size_t total = 0;
  for (size_t i = 0; i < cases.size(); ++i) {
    if (sameResult(ours[i], v8[i], cases[i].shape)) continue;
    if (++total <= maxReported) {
      mismatches.push_back(cases[i].description + ": sandbox " + ours[i] + ", V8 " + v8[i]);
    }
  }
  if (total > maxReported) mismatches.push_back("... " + std::to_string(total - maxReported) + " more");
  return mismatches;
}

}  // namespace wstudio::host::testing
