// Broken and hostile documents: loading reports, never throws, and bounds its work.
#include <gtest/gtest.h>

#include <functional>

#include <nlohmann/json.hpp>

#include "test_support.hpp"
#include "wstudio/session/json_io.hpp"
#include "wstudio/session/limits.hpp"

namespace wstudio::session {
namespace {

using nlohmann::json;

std::vector<std::string> errorsOf(std::string_view text) {
  const LoadResult loaded = load(text);
  EXPECT_FALSE(loaded.ok());
  return test::toStrings(loaded.errors);
}

std::string withMember(const std::string& key, const std::string& valueText) {
  return R"({"format": "wasm-studio-session", "version": 1, ")" + key + "\": " + valueText + "}";
}

TEST(HostileInput, NotJson) {
  for (std::string_view text : {"", "{", "nonsense", "{\"format\": }", "[1, 2,]"}) {
    const auto errors = errorsOf(text);
    ASSERT_EQ(errors.size(), 1u) << text;
    EXPECT_TRUE(errors[0].starts_with("not valid JSON: ")) << errors[0];
  }
}

TEST(HostileInput, NotAnObject) {
  EXPECT_EQ(errorsOf("[1, 2, 3]"),
            std::vector<std::string>{"not a WASM Studio session: the document is not a JSON object"});
}

TEST(HostileInput, NumbersTooLargeForADouble) {
  const auto errors = errorsOf(withMember("tempo", "1e999"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_TRUE(errors[0].starts_with("not valid JSON: number overflow")) << errors[0];
}

TEST(HostileInput, InvalidUtf8) {
  const auto errors = errorsOf(withMember("x", "\"\xC3\x28\""));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_TRUE(errors[0].starts_with("not valid JSON: ")) << errors[0];
}

TEST(HostileInput, DuplicateKeys) {
  EXPECT_EQ(errorsOf(R"({"format": "wasm-studio-session", "version": 1, "tempo": 90,
                         "tempo": 100})"),
            std::vector<std::string>{"not valid JSON: duplicate key \"tempo\" in an object"});
}

TEST(HostileInput, DeepNestingIsRefusedBeforeParsing) {
  const std::string deep(1000000, '[');
  EXPECT_EQ(errorsOf(deep),
            std::vector<std::string>{"the document nests deeper than 64 levels"});
}

TEST(HostileInput, NestingUpToTheLimitIsFineEvenInUnknownFields) {
  // The root object is level 1, so 63 arrays reach the limit exactly.
  const int arrays = limits::kMaxNestingDepth - 1;
  const std::string nested = std::string(arrays, '[') + std::string(arrays, ']');
  const LoadResult loaded = load(withMember("future", nested));
  ASSERT_TRUE(loaded.ok()) << test::toStrings(loaded.errors)[0];
  EXPECT_EQ(load(save(*loaded.session)).session, loaded.session);

  const std::string tooDeep = "[" + nested + "]";
  EXPECT_EQ(errorsOf(withMember("future", tooDeep)),
            std::vector<std::string>{"the document nests deeper than 64 levels"});
}

TEST(HostileInput, BracketsInsideStringsDoNotCountAsNesting) {
  const std::string text = "\"" + std::string(1000, '[') + "\\\"" + std::string(1000, '{') + "\"";
  EXPECT_TRUE(load(withMember("future", text)).ok());
}

TEST(HostileInput, OversizedDocumentIsRefused) {
  const std::string huge(limits::kMaxDocumentBytes + 1, ' ');
  EXPECT_EQ(errorsOf(huge), std::vector<std::string>{"the document is larger than 134217728 bytes"});
}

TEST(HostileInput, HugeArraysAreRefusedWithoutReadingThem) {
  json tracks = json::array();
  for (std::size_t i = 0; i <= limits::kMaxTracks; ++i) tracks.push_back(i);
  EXPECT_EQ(errorsOf(withMember("tracks", tracks.dump())),
            std::vector<std::string>{"tracks: more than 1024 items"});
}

TEST(HostileInput, TheErrorListIsCapped) {
  json tracks = json::array();
  for (int i = 0; i < 1000; ++i) tracks.push_back({{"id", 5}, {"kind", "audio"}, {"pan", "x"}});
  const auto errors = errorsOf(withMember("tracks", tracks.dump()));
  ASSERT_EQ(errors.size(), limits::kMaxIssues + 1);
  EXPECT_EQ(errors[0], "tracks[0].id: not a string");
  EXPECT_EQ(errors.back(), "too many errors: only the first 500 are listed");
}

TEST(HostileInput, WrongTypesEverywhereNeverThrow) {
  // Every member of the demo replaced in turn by values of every JSON type.
  const json demo = json::parse(test::readDataFile("demo.session.json"));
  const std::vector<json> oddValues = {nullptr, true, -1, 1.5, "text", json::array(),
                                       json::object()};
  std::size_t documents = 0;
  std::function<void(json&, json&)> visit = [&](json& node, json& root) {
    if (!node.is_structured()) return;
    for (auto& [key, child] : node.items()) {
      const json original = child;
      for (const json& odd : oddValues) {
        child = odd;
        EXPECT_NO_THROW((void)load(root.dump()));
        ++documents;
      }
      child = original;
      visit(child, root);
    }
  };
  json document = demo;
  visit(document, document);
  EXPECT_GT(documents, 1000u);
}

}  // namespace
}  // namespace wstudio::session
