// Fields written by a newer WASM Studio must survive an older one loading and saving the file,
// at every level of the document.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"
#include "wstudio/session/json_io.hpp"

namespace wstudio::session {
namespace {

using nlohmann::json;

// Adds an unknown member to every object of the document (except params, whose keys are all
// parameter ids), each with a distinct nested value. Returns how many it added.
int addUnknownEverywhere(json& value, int& counter) {
  int added = 0;
  if (value.is_object()) {
    for (auto& [key, member] : value.items()) {
      if (key != "params") added += addUnknownEverywhere(member, counter);
    }
    const int n = counter++;
    value["future_" + std::to_string(n)] =
        json{{"level", n}, {"nested", json::array({1, "two", json{{"three", nullptr}}})}};
    ++added;
  } else if (value.is_array()) {
    for (json& item : value) added += addUnknownEverywhere(item, counter);
  }
  return added;
}

TEST(UnknownFields, ArePreservedAtEveryLevel) {
  json document = json::parse(test::readDataFile("demo.session.json"));
  int counter = 0;
  const int added = addUnknownEverywhere(document, counter);
  ASSERT_GT(added, 40);  // root, tracks, clips, sources, notes, inserts, plugins, lanes...

  const LoadResult loaded = load(document.dump());
  ASSERT_TRUE(loaded.ok()) << test::toStrings(loaded.errors)[0];
  const std::string saved = save(*loaded.session);
  EXPECT_EQ(json::parse(saved), document);

  const LoadResult reloaded = load(saved);
  ASSERT_TRUE(reloaded.ok());
  EXPECT_EQ(*reloaded.session, *loaded.session);
  EXPECT_EQ(save(*reloaded.session), saved);
}

TEST(UnknownFields, AreWrittenAfterKnownOnesInNameOrder) {
  const LoadResult loaded = load(R"({"zeta": 1, "format": "wasm-studio-session", "alpha": [],
                                     "version": 1})");
  ASSERT_TRUE(loaded.ok());
  const std::string saved = save(*loaded.session);
  const auto loop = saved.find("\"loop\"");
  const auto alpha = saved.find("\"alpha\"");
  const auto zeta = saved.find("\"zeta\"");
  EXPECT_LT(loop, alpha);
  EXPECT_LT(alpha, zeta);
  EXPECT_EQ(loaded.session->unknown.at("alpha"), json::array());
}

}  // namespace
}  // namespace wstudio::session
