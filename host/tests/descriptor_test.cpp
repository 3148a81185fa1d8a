// Descriptor parsing and validation (ABI-6 schema): errors name the field; toJson round-trips.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "wstudio/host/descriptor.hpp"

namespace wstudio::host {
namespace {

nlohmann::json validDescriptor() {
  return nlohmann::json::parse(R"({
    "abi": 1, "id": "studio.wasm.compressor", "name": "Compressor", "vendor": "WASM Studio",
    "version": "1.0.0", "category": "dynamics", "kind": "effect",
    "audio": {"inputs": 2, "outputs": 2}, "midi": false, "description": "Soft knee.",
    "params": [
      {"id": 0, "key": "threshold", "name": "Threshold", "unit": "dB", "type": "float",
       "min": -60, "max": 0, "default": -18, "scale": "linear"},
      {"id": 5, "key": "mode", "name": "Mode", "unit": "", "type": "choice",
       "min": 0, "max": 2, "default": 0, "scale": "linear", "choices": ["Peak", "RMS", "Hybrid"]},
      {"id": 6, "key": "freq", "name": "Freq", "unit": "Hz", "type": "float",
       "min": 20, "max": 20000, "default": 1000, "scale": "log"}
    ],
    "extensions": []})");
}

std::string errorFor(const nlohmann::json& json) {
  auto parsed = parseDescriptor(json.dump());
  return parsed.ok() ? "" : parsed.error();
}

TEST(Descriptor, ParsesTheSchemaExample) {
  auto parsed = parseDescriptor(validDescriptor().dump());
  ASSERT_TRUE(parsed.ok()) << parsed.error();
  const PluginDescriptor& d = parsed.value();
  EXPECT_EQ(d.id, "studio.wasm.compressor");
  EXPECT_EQ(d.kind, PluginKind::Effect);
  ASSERT_EQ(d.params.size(), 3u);
  EXPECT_EQ(d.params[1].type, ParamType::Choice);
  EXPECT_EQ(d.params[1].choices[2], "Hybrid");
  EXPECT_EQ(d.params[2].scale, ParamScale::Log);
  EXPECT_EQ(d.findParamByKey("mode")->id, 5u);
  EXPECT_EQ(d.findParam(6)->key, "freq");
  EXPECT_EQ(d.findParam(99), nullptr);
}

TEST(Descriptor, ToJsonRoundTrips) {
  auto parsed = parseDescriptor(validDescriptor().dump());
  ASSERT_TRUE(parsed.ok());
  auto again = parseDescriptor(toJson(parsed.value()));
  ASSERT_TRUE(again.ok()) << again.error();
  EXPECT_EQ(toJson(again.value()), toJson(parsed.value()));
}

TEST(Descriptor, ErrorsNameTheField) {
  auto json = validDescriptor();
  json["params"][2]["min"] = 30000;
  EXPECT_EQ(errorFor(json), "descriptor: params[2].min: must be less than max");

  json = validDescriptor();
  json["params"][0]["default"] = 5;
  EXPECT_EQ(errorFor(json), "descriptor: params[0].default: must be between min and max");

  json = validDescriptor();
  json["id"] = "Studio Compressor";
  EXPECT_EQ(errorFor(json), "descriptor: id: must use only [a-z0-9._-]");

  json = validDescriptor();
  json.erase("name");
  EXPECT_EQ(errorFor(json), "descriptor: name: is required");

  json = validDescriptor();
  json["category"] = "magic";
  EXPECT_NE(errorFor(json).find("category: must be one of"), std::string::npos);

  json = validDescriptor();
  json["params"][1]["id"] = 0;
  EXPECT_NE(errorFor(json).find("params[1].id: duplicates"), std::string::npos);

  json = validDescriptor();
  json["params"][1]["choices"] = {"Peak", "RMS"};
  EXPECT_NE(errorFor(json).find("params[1].max: a choice parameter"), std::string::npos);

  json = validDescriptor();
  json["params"][2]["min"] = 0;
  EXPECT_EQ(errorFor(json), "descriptor: params[2].min: must be greater than 0 for a log scale");

  json = validDescriptor();
  json["audio"]["outputs"] = 9;
  EXPECT_EQ(errorFor(json), "descriptor: audio.outputs: must be between 1 and 8");

  json = validDescriptor();
  json["kind"] = "instrument";
  EXPECT_EQ(errorFor(json), "descriptor: midi: an instrument must take MIDI (true)");
}

TEST(Descriptor, RefusesNonJsonAndHugeText) {
  EXPECT_NE(parseDescriptor("{not json").error().find("not valid JSON"), std::string::npos);
  EXPECT_NE(parseDescriptor("[1, 2]").error().find("must be a JSON object"), std::string::npos);
  EXPECT_NE(parseDescriptor(std::string(70000, ' ')).error().find("larger than 65536"),
            std::string::npos);
}

TEST(ParamInfo, ClampsAndRoundsByType) {
  ParamInfo gain;
  gain.min = -60;
  gain.max = 12;
  EXPECT_DOUBLE_EQ(gain.clamp(20), 12);
  EXPECT_DOUBLE_EQ(gain.clamp(-3.25), -3.25);
  ParamInfo mode;
  mode.type = ParamType::Choice;
  mode.min = 0;
  mode.max = 2;
  EXPECT_DOUBLE_EQ(mode.clamp(1.6), 2);
  EXPECT_DOUBLE_EQ(mode.clamp(-1), 0);
}

}  // namespace
}  // namespace wstudio::host
