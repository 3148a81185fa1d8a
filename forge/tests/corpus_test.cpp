// The prompt corpus: at least 40 prompts, each giving a valid plan, and the build's generated
// plan and source for each are exactly what the generator and writer give now (so the modules
// the validation tests load are this code's).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "wstudio/forge/codegen.hpp"
#include "wstudio/forge/generate.hpp"
#include "wstudio/forge/plan_json.hpp"
#include "wstudio/forge/plan_validate.hpp"

namespace {

using namespace wstudio::forge;

std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

nlohmann::json corpus() { return nlohmann::json::parse(readFile(FORGE_CORPUS_FILE))["prompts"]; }

TEST(ForgeCorpus, AtLeastFortyPromptsWithUniqueIds) {
  std::set<std::string> ids;
  for (const auto& p : corpus()) {
    const std::string id = p["id"];
    EXPECT_TRUE(isPlanIdentifier(id, 48)) << id;
    EXPECT_TRUE(ids.insert(id).second) << id;
  }
  EXPECT_GE(ids.size(), 40u);
}

TEST(ForgeCorpus, EveryPromptGivesAValidPlanThatReadsBack) {
  for (const auto& p : corpus()) {
    const Plan plan = generatePlan(p["prompt"].get<std::string>());
    const auto errors = validatePlan(plan);
    EXPECT_TRUE(errors.empty()) << p["id"] << ": " << (errors.empty() ? "" : toString(errors[0]));
    const auto read = readPlan(writePlan(plan));
    ASSERT_TRUE(std::holds_alternative<Plan>(read)) << p["id"];
    EXPECT_EQ(std::get<Plan>(read), plan) << p["id"];
  }
}

TEST(ForgeCorpus, TheBuildCompiledTodaysSources) {
  for (const auto& p : corpus()) {
    const std::string id = p["id"];
    const Plan plan = generatePlan(p["prompt"].get<std::string>());
    const std::filesystem::path dir = FORGE_CORPUS_SOURCE_DIR;
    EXPECT_EQ(readFile(dir / (id + ".plan.json")), writePlan(plan)) << id;
    EXPECT_EQ(readFile(dir / (id + ".cpp")), writePluginSource(plan, "forge_" + id)) << id;
  }
}

}  // namespace
