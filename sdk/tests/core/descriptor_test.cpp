// The descriptor JSON (ABI-6) is valid JSON, matches the parameter table, and escapes strings.
#include <cstring>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "harness.hpp"

namespace wsp_sdk_test {
namespace {

using nlohmann::json;

TEST(Descriptor, UtilityDescribesItselfAndItsParameters) {
  const wsp_plugin_api* api = wsp_native_plugin_utility();
  EXPECT_EQ(api->abi_version(), 0x00010000u);
  const json d = json::parse(api->descriptor());
  EXPECT_EQ(d["abi"], 1);
  EXPECT_EQ(d["id"], "studio.wasm.utility");
  EXPECT_EQ(d["name"], "Utility");
  EXPECT_EQ(d["vendor"], "WASM Studio");
  EXPECT_EQ(d["version"], "1.0.0");
  EXPECT_EQ(d["category"], "utility");
  EXPECT_EQ(d["kind"], "effect");
  EXPECT_EQ(d["audio"]["inputs"], 2);
  EXPECT_EQ(d["audio"]["outputs"], 2);
  EXPECT_EQ(d["midi"], false);
  EXPECT_EQ(d["extensions"], json::array({"wsp.latency-word/1"}));  // every SDK plugin (ABI-20)

  const json& p = d["params"];
  ASSERT_EQ(p.size(), 6u);
  EXPECT_EQ(p[0], json::parse(R"({"id":0,"key":"gain","name":"Gain","unit":"dB","type":"float",
      "min":-80,"max":24,"default":0,"scale":"db"})"));
  EXPECT_EQ(p[2]["key"], "width");
  EXPECT_EQ(p[2]["default"], 100);
  EXPECT_EQ(p[3], json::parse(R"({"id":3,"key":"invert_left","name":"Invert Left","unit":"",
      "type":"bool","min":0,"max":1,"default":0,"scale":"linear"})"));
  EXPECT_EQ(p[5]["type"], "choice");
  EXPECT_EQ(p[5]["max"], 4);
  EXPECT_EQ(p[5]["choices"], json::parse(R"(["Stereo","Mono","Swap","Left","Right"])"));
}

TEST(Descriptor, DefaultsMatchTheInstanceValues) {
  const wsp_plugin_api* api = wsp_native_plugin_utility();
  Harness plugin(api);
  for (const json& p : json::parse(api->descriptor())["params"])
    EXPECT_EQ(plugin.get(p["id"].get<uint32_t>()), p["default"].get<double>()) << p["key"];
}

TEST(Descriptor, IsTheSameStaticTextOnEveryCall) {
  const wsp_plugin_api* api = wsp_native_plugin_utility();
  const char* first = api->descriptor();
  EXPECT_EQ(first, api->descriptor());
  EXPECT_LE(std::strlen(first), size_t{WSP_MAX_DESCRIPTOR_BYTES});
}

TEST(Descriptor, EscapesStringsAndWritesOtherTypes) {
  const json d = json::parse(wsp_native_plugin_sdk_probe()->descriptor());
  EXPECT_EQ(d["name"], "SDK \"Probe\"");
  EXPECT_EQ(d["vendor"], "WASM Studio\\Tests");
  EXPECT_EQ(d["description"], "Line one\nline two\ttabbed \x01 control, caf\xc3\xa9.");
  EXPECT_EQ(d["kind"], "instrument");
  EXPECT_EQ(d["audio"]["inputs"], 0);
  EXPECT_EQ(d["midi"], true);
  const json& p = d["params"];
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[0], json::parse(R"({"id":3,"key":"steps","name":"Steps","unit":"st","type":"int",
      "min":-12,"max":12,"default":0,"scale":"linear"})"));
  EXPECT_EQ(p[1]["id"], 10);
  EXPECT_EQ(p[2]["name"], "Odd \"name\"");
  EXPECT_EQ(p[2]["unit"], "\xc2\xb5s");
  EXPECT_EQ(p[2]["scale"], "log");
  EXPECT_EQ(p[2]["min"], 0.001);
  EXPECT_EQ(p[2]["max"], 1.0005);
  EXPECT_EQ(p[2]["default"], 0.1);
}

}  // namespace
}  // namespace wsp_sdk_test
