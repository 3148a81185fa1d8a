// forge_write_corpus PROMPTS.json OUT_DIR: the build step that turns every corpus prompt into its
// plan (OUT_DIR/<id>.plan.json) and C++ source (OUT_DIR/<id>.cpp, entry point forge_<id>), which
// the WebAssembly build compiles like a factory plugin. A file is rewritten only when its text
// changes, so an unchanged prompt does not recompile. Fails (exit 1) on an invalid plan.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "wstudio/forge/codegen.hpp"
#include "wstudio/forge/generate.hpp"
#include "wstudio/forge/plan_json.hpp"
#include "wstudio/forge/plan_validate.hpp"

namespace {

std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool writeIfChanged(const std::filesystem::path& path, const std::string& text) {
  if (std::filesystem::exists(path) && readFile(path) == text) return true;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  return bool(out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: forge_write_corpus PROMPTS.json OUT_DIR\n";
    return 2;
  }
  const auto corpus = nlohmann::json::parse(readFile(argv[1]), nullptr, false);
  if (corpus.is_discarded() || !corpus.contains("prompts")) {
    std::cerr << argv[1] << ": not a prompt corpus\n";
    return 2;
  }
  const std::filesystem::path out = argv[2];
  std::filesystem::create_directories(out);
  int failures = 0;
  for (const auto& entry : corpus["prompts"]) {
    const std::string id = entry.at("id").get<std::string>();
    const wstudio::forge::Plan plan = wstudio::forge::generatePlan(entry.at("prompt").get<std::string>());
    const auto errors = wstudio::forge::validatePlan(plan);
    for (const auto& e : errors) std::cerr << id << ": " << wstudio::forge::toString(e) << "\n";
    if (!errors.empty()) {
      ++failures;
      continue;
    }
    if (!writeIfChanged(out / (id + ".plan.json"), wstudio::forge::writePlan(plan)) ||
        !writeIfChanged(out / (id + ".cpp"), wstudio::forge::writePluginSource(plan, "forge_" + id))) {
      std::cerr << id << ": cannot write into " << out << "\n";
      ++failures;
    }
  }
  return failures == 0 ? 0 : 1;
}
