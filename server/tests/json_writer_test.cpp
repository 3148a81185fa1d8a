// JsonWriter writes what nlohmann::json would: the same text for the same values, control
// characters escaped, invalid UTF-8 replaced by U+FFFD.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/json_writer.hpp"

namespace wstudio::server::test {
namespace {

TEST(JsonWriter, MatchesNlohmannForTheSameValues) {
  const std::string tricky = "quote\" back\\ nl\n tab\t bell\x07 ü 🎛";
  JsonWriter out;
  out.beginObject()
      .field("s", tricky)
      .field("n", int64_t{-42})
      .field("b", true)
      .key("list")
      .beginArray()
      .value(int64_t{1})
      .beginObject()
      .endObject()
      .null()
      .endArray()
      .endObject();
  const nlohmann::ordered_json expected = {
      {"s", tricky}, {"n", -42}, {"b", true}, {"list", {1, nlohmann::json::object(), nullptr}}};
  EXPECT_EQ(out.take(), expected.dump());
}

TEST(JsonWriter, EveryAsciiCharacterMatchesNlohmann) {
  // Plain runs are copied in bulk and escapes one by one: every ASCII byte, alone, at the start,
  // in the middle and at the end of a run.
  for (int c = 1; c < 0x80; ++c) {
    const std::string ch(1, static_cast<char>(c));
    for (const std::string& text : {ch, ch + "run", "run" + ch, "ab" + ch + "cd", ch + ch}) {
      JsonWriter out;
      out.value(text);
      EXPECT_EQ(out.take(), nlohmann::json(text).dump()) << "character " << c;
    }
  }
}

TEST(JsonWriter, ReplacesInvalidUtf8) {
  JsonWriter out;
  out.value(std::string_view("a\xff" "b\xc3", 4));
  EXPECT_EQ(out.take(), "\"a\xef\xbf\xbd" "b\xef\xbf\xbd\"");
  JsonWriter surrogate;
  surrogate.value(std::string_view("\xed\xa0\x80", 3));
  EXPECT_EQ(surrogate.take(), "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");
}

}  // namespace
}  // namespace wstudio::server::test
